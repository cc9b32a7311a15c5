#pragma once

#include "domain/CatalogTypes.h"

#include <memory>
#include <QDialog>

namespace kv {
class Catalog;
class Clock;
} // namespace kv
namespace Ui {
class KvEditorDialog;
}
class RevisionListModel;

// Creates, shows and updates one pair: key (checked as typed), type with an editor that fits it,
// expiration, description, "overwrite if the key exists" (new pairs), and a History tab with
// Restore. Save stays disabled until every field is valid; an error from the catalog appears in
// the dialog without losing what was typed. Nothing here blocks the GUI thread.
class KvEditorDialog : public QDialog
{
    Q_OBJECT
public:
    KvEditorDialog(kv::Catalog* catalog, std::shared_ptr<const kv::Clock> clock, const QString& ns,
                   QWidget* parent = nullptr);
    ~KvEditorDialog() override;

    void startCreate();                 // empty form, key editable, overwrite off
    void startEdit(const QString& key); // loads the pair and its history

    bool isEditing() const { return m_editing; }
    bool isBusy() const { return m_busy; }
    void accept() override; // saves; closes only when the write worked

signals:
    void saved(const kv::KvEntry& entry);

private:
    // The form (KvEditorDialog.cpp)
    void load(const kv::KvEntry& entry);
    void loadHistory();
    void restoreSelected();
    void validate();
    void setBusy(bool busy);
    void showError(const QString& message);

    // The value editors (KvEditorValues.cpp)
    void setUpValueEditors();
    kv::ValueType currentType() const;
    void setType(kv::ValueType type);
    void updateValueBuddy();
    void onTypeChanged();
    QString valueText(kv::ValueType type) const; // what the editor of `type` holds, as text
    void setValueText(kv::ValueType type, const QString& text);
    QString valueProblem() const;               // "" when the value parses
    void markJsonError(const QString& message); // puts the cursor where the JSON breaks
    void formatJson();
    void updateDurationHint();

    std::unique_ptr<Ui::KvEditorDialog> m_ui;
    kv::Catalog* m_catalog;
    std::shared_ptr<const kv::Clock> m_clock;
    QString m_ns;
    QString m_key;
    RevisionListModel* m_history = nullptr;
    kv::ValueType m_shownType = kv::ValueType::String;
    bool m_editing = false;
    bool m_busy = false;
    bool m_loaded = false; // edit mode: the pair has been read
};
