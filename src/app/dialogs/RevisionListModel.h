#pragma once

#include "domain/CatalogTypes.h"

#include <QAbstractTableModel>

// The revisions of one pair for the editor's History tab, newest first (the current one too).
class RevisionListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RevisionColumn,
        TypeColumn,
        SizeColumn,
        WrittenColumn,
        ExpiresColumn,
        ColumnCount
    };
    enum Role { RevisionRole = Qt::UserRole + 1, IsCurrentRole, SortRole };

    explicit RevisionListModel(QObject* parent = nullptr);

    void setRevisions(const QList<kv::KvRevision>& revisions);
    const QList<kv::KvRevision>& revisions() const { return m_revisions; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<kv::KvRevision> m_revisions;
};
