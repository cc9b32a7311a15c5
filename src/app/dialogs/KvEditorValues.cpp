// KvEditorDialog: one editor per value type, the text each holds, and carrying a value over when
// the type changes. Every check is KvValue::parse itself, so the dialog accepts exactly what the
// catalog accepts, with the catalog's own messages.
#include "DisplayFormat.h"
#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "domain/KvValue.h"
#include "KvEditorDialog.h"
#include "ui_KvEditorDialog.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QRegularExpression>
#include <QTextBlock>
#include <QTimeZone>

namespace {

// The stack's pages, in the order of the .ui file.
int pageOf(kv::ValueType type)
{
    switch (type) {
    case kv::ValueType::String:
        return 0;
    case kv::ValueType::Json:
        return 1;
    case kv::ValueType::Number:
        return 2;
    case kv::ValueType::Boolean:
        return 3;
    case kv::ValueType::Date:
        return 4;
    case kv::ValueType::DateTime:
        return 5;
    case kv::ValueType::Duration:
        return 6;
    }
    return 0;
}

// Indents valid JSON text by its own characters, so member order and number literals stay exactly
// as they are (QJsonDocument would sort the members and round big numbers).
QString indentJson(const QString& text)
{
    const QString step = QStringLiteral("    ");
    QString out;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&] {
        out += QLatin1Char('\n') + step.repeated(depth);
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == QLatin1Char('\\'))
                escaped = true;
            else if (c == QLatin1Char('"'))
                inString = false;
            continue;
        }
        if (c.isSpace())
            continue;
        if (c == QLatin1Char('"')) {
            inString = true;
            out += c;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            out += c;
            qsizetype next = i + 1;
            while (next < text.size() && text.at(next).isSpace())
                ++next;
            const QChar close = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            if (next < text.size() && text.at(next) == close) {
                out += close; // {} and [] stay on one line
                i = next;
                continue;
            }
            ++depth;
            newline();
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
            newline();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newline();
        } else if (c == QLatin1Char(':')) {
            out += QStringLiteral(": ");
        } else {
            out += c;
        }
    }
    return out;
}

bool isValidJson(const QString& text)
{
    try {
        (void)kv::KvValue::parse(kv::ValueType::Json, text);
        return true;
    } catch (const kv::CatalogError&) {
        return false;
    }
}

} // namespace

void KvEditorDialog::setUpValueEditors()
{
    for (kv::ValueType type : kv::allValueTypes())
        m_ui->typeCombo->addItem(kv::valueTypeName(type), int(type));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->jsonEdit->setFont(fixed);
    m_ui->dateTimeEdit->setTimeSpec(Qt::LocalTime);
    const QDateTime now = QDateTime::currentDateTime();
    m_ui->timeZoneLabel->setText(
        tr("Local time (%1, UTC%2); stored in UTC.")
            .arg(now.timeZoneAbbreviation(),
                 now.timeZone().displayName(now, QTimeZone::OffsetName).mid(3)));
    m_ui->timeZoneLabel->setEnabled(false);
    m_ui->durationHint->setEnabled(false);
    m_ui->jsonPosition->setEnabled(false);

    connect(m_ui->typeCombo, &QComboBox::currentIndexChanged, this, &KvEditorDialog::onTypeChanged);
    connect(m_ui->stringEdit, &QPlainTextEdit::textChanged, this, &KvEditorDialog::validate);
    connect(m_ui->jsonEdit, &QPlainTextEdit::textChanged, this, &KvEditorDialog::validate);
    connect(m_ui->jsonEdit, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        const QTextCursor c = m_ui->jsonEdit->textCursor();
        m_ui->jsonPosition->setText(
            tr("Line %1, column %2").arg(c.blockNumber() + 1).arg(c.positionInBlock() + 1));
    });
    connect(m_ui->formatButton, &QPushButton::clicked, this, &KvEditorDialog::formatJson);
    connect(m_ui->numberEdit, &QLineEdit::textChanged, this, &KvEditorDialog::validate);
    connect(m_ui->booleanCheck, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->booleanCheck->setText(on ? QStringLiteral("true") : QStringLiteral("false"));
        validate();
    });
    connect(m_ui->dateEdit, &QDateEdit::dateChanged, this, &KvEditorDialog::validate);
    connect(m_ui->dateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, &KvEditorDialog::validate);
    connect(m_ui->durationEdit, &QLineEdit::textChanged, this, &KvEditorDialog::validate);
}

kv::ValueType KvEditorDialog::currentType() const
{
    return kv::ValueType(m_ui->typeCombo->currentData().toInt());
}

void KvEditorDialog::setType(kv::ValueType type)
{
    const QSignalBlocker blocker(m_ui->typeCombo);
    m_ui->typeCombo->setCurrentIndex(m_ui->typeCombo->findData(int(type)));
    m_ui->valueStack->setCurrentIndex(pageOf(type));
    m_shownType = type;
    updateValueBuddy();
}

void KvEditorDialog::onTypeChanged()
{
    // Carry the value over: "42" stays 42 as a NUMBER, "2024-02-29" becomes the date, and so on.
    const QString text = valueText(m_shownType);
    const kv::ValueType type = currentType();
    m_ui->valueStack->setCurrentIndex(pageOf(type));
    m_shownType = type;
    updateValueBuddy();
    // An editor keeps what it had when the value does not fit it (a date is no BOOLEAN), so
    // switching there and back loses nothing.
    bool fits = type == kv::ValueType::String;
    try {
        (void)kv::KvValue::parse(type, text);
        fits = true;
    } catch (const kv::CatalogError&) {
    }
    if (fits)
        setValueText(type, text);
    validate();
}

void KvEditorDialog::updateValueBuddy()
{
    // Alt+V goes to the editor of the current type.
    QWidget* editors[] = {m_ui->stringEdit,   m_ui->jsonEdit, m_ui->numberEdit,
                          m_ui->booleanCheck, m_ui->dateEdit, m_ui->dateTimeEdit,
                          m_ui->durationEdit};
    m_ui->valueLabel->setBuddy(editors[pageOf(currentType())]);
}

QString KvEditorDialog::valueText(kv::ValueType type) const
{
    switch (type) {
    case kv::ValueType::String:
        return m_ui->stringEdit->toPlainText();
    case kv::ValueType::Json:
        return m_ui->jsonEdit->toPlainText();
    case kv::ValueType::Number:
        return m_ui->numberEdit->text().trimmed();
    case kv::ValueType::Boolean:
        return m_ui->booleanCheck->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    case kv::ValueType::Date:
        return m_ui->dateEdit->date().toString(Qt::ISODate);
    case kv::ValueType::DateTime:
        return m_ui->dateTimeEdit->dateTime().toUTC().toString(Qt::ISODateWithMs);
    case kv::ValueType::Duration:
        return m_ui->durationEdit->text().trimmed();
    }
    return QString();
}

void KvEditorDialog::setValueText(kv::ValueType type, const QString& text)
{
    const QString trimmed = text.trimmed();
    switch (type) {
    case kv::ValueType::String:
        m_ui->stringEdit->setPlainText(text);
        break;
    case kv::ValueType::Json:
        // A stored document is compact: show it indented (text that is no JSON yet, as it is).
        m_ui->jsonEdit->setPlainText(isValidJson(trimmed) ? indentJson(trimmed) : text);
        break;
    case kv::ValueType::Number:
        m_ui->numberEdit->setText(trimmed);
        break;
    case kv::ValueType::Boolean:
        m_ui->booleanCheck->setChecked(
            trimmed.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0);
        m_ui->booleanCheck->setText(m_ui->booleanCheck->isChecked() ? QStringLiteral("true")
                                                                    : QStringLiteral("false"));
        break;
    case kv::ValueType::Date: {
        QDate date = QDate::fromString(trimmed.left(10), Qt::ISODate);
        m_ui->dateEdit->setDate(date.isValid() ? date : QDate::currentDate());
        break;
    }
    case kv::ValueType::DateTime: {
        QDateTime time = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        if (!time.isValid())
            time = QDateTime::currentDateTime();
        m_ui->dateTimeEdit->setDateTime(time.toLocalTime());
        break;
    }
    case kv::ValueType::Duration:
        m_ui->durationEdit->setText(trimmed);
        break;
    }
}

QString KvEditorDialog::valueProblem() const
{
    const kv::ValueType type = currentType();
    const QString text = valueText(type);
    if (text.isEmpty() && type != kv::ValueType::String)
        return type == kv::ValueType::Json ? tr("Enter a JSON object or array.")
                                           : tr("Enter a value.");
    try {
        (void)kv::KvValue::parse(type, text);
    } catch (const kv::CatalogError& e) {
        QString message = e.message();
        if (!message.isEmpty())
            message[0] = message.at(0).toUpper();
        return message;
    }
    return QString();
}

void KvEditorDialog::markJsonError(const QString& message)
{
    // "invalid JSON at line 3, column 7: ..." — underline that spot.
    static const QRegularExpression where(QStringLiteral("line (\\d+), column (\\d+)"));
    QList<QTextEdit::ExtraSelection> marks;
    const QRegularExpressionMatch m = where.match(message);
    if (m.hasMatch()) {
        const QTextBlock block =
            m_ui->jsonEdit->document()->findBlockByNumber(m.captured(1).toInt() - 1);
        if (block.isValid()) {
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(block);
            const int column = qMax(0, m.captured(2).toInt() - 1);
            mark.cursor.setPosition(block.position() + qMin(column, qMax(0, block.length() - 2)));
            mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(QColor(0xd9, 0x53, 0x4f));
            mark.format.setBackground(QColor(0xd9, 0x53, 0x4f, 60));
            marks << mark;
        }
    }
    m_ui->jsonEdit->setExtraSelections(marks);
}

void KvEditorDialog::formatJson()
{
    const QString text = m_ui->jsonEdit->toPlainText();
    if (isValidJson(text)) // else the problem line already says what is wrong
        m_ui->jsonEdit->setPlainText(indentJson(text));
}

void KvEditorDialog::updateDurationHint()
{
    if (currentType() != kv::ValueType::Duration)
        return;
    kv::IsoDuration duration;
    if (kv::IsoDuration::tryParse(m_ui->durationEdit->text().trimmed(), true, &duration, nullptr))
        m_ui->durationHint->setText(duration.milliseconds() == 0
                                        ? tr("= no time at all")
                                        : QStringLiteral("= ") +
                                              DisplayFormat::timeLeft(duration.milliseconds(), 0));
    else
        m_ui->durationHint->clear();
}
