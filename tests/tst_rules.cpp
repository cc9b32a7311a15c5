#include "domain/CatalogError.h"
#include "domain/Rules.h"
#include "ExpectError.h"

#include <QTest>

namespace kv {

class TestRules : public QObject
{
    Q_OBJECT

private slots:
    void validKeys_data();
    void validKeys();
    void invalidKeys_data();
    void invalidKeys();
    void validNamespaces_data();
    void validNamespaces();
    void invalidNamespaces_data();
    void invalidNamespaces();
    void keyPrefixes_data();
    void keyPrefixes();
    void parentNamespace_data();
    void parentNamespace();
    void withinNamespace_data();
    void withinNamespace();
};

namespace {

using kvtest::errorMessage;

QString repeated(char c, int count)
{
    return QString(count, QLatin1Char(c));
}

// The quoted form of a long input in messages: its first 40 characters and an ellipsis.
QString shortQuote(const QString& text)
{
    return QLatin1Char('\'') + text.left(40) + QChar(0x2026) + QLatin1Char('\'');
}

} // namespace

void TestRules::validKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("one letter") << QStringLiteral("a");
    QTest::newRow("one uppercase letter") << QStringLiteral("Z");
    QTest::newRow("one digit") << QStringLiteral("7");
    QTest::newRow("mixed case") << QStringLiteral("MaxConnections");
    QTest::newRow("dots") << QStringLiteral("db.pool.size");
    QTest::newRow("underscore and dash") << QStringLiteral("retry_count-v2");
    QTest::newRow("double dot inside") << QStringLiteral("a..b");
    QTest::newRow("ends with separators") << QStringLiteral("a._-");
    QTest::newRow("255 characters") << repeated('k', 255);
}

void TestRules::validKeys()
{
    QFETCH(QString, key);
    QCOMPARE(rules::keyProblem(key), QString());
    QVERIFY(rules::isValidKey(key));
    QCOMPARE(errorMessage(ErrorCode::InvalidInput, [&] { rules::requireValidKey(key); }),
             QStringLiteral("<nothing thrown>"));
}

void TestRules::invalidKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    const QString chars = QStringLiteral(": a key may only contain letters, digits, '.', '_' and "
                                         "'-', and must start with a letter or digit");
    QTest::newRow("empty") << QString() << QStringLiteral("invalid key: a key must not be empty");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("invalid key 'a b'") + chars;
    QTest::newRow("starts with dot")
        << QStringLiteral(".a") << QStringLiteral("invalid key '.a'") + chars;
    QTest::newRow("starts with underscore")
        << QStringLiteral("_a") << QStringLiteral("invalid key '_a'") + chars;
    QTest::newRow("starts with dash")
        << QStringLiteral("-a") << QStringLiteral("invalid key '-a'") + chars;
    QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("invalid key 'a/b'") + chars;
    QTest::newRow("colon") << QStringLiteral("a:b") << QStringLiteral("invalid key 'a:b'") + chars;
    QTest::newRow("tab") << QStringLiteral("a\tb") << QStringLiteral("invalid key 'a\tb'") + chars;
    QTest::newRow("non-ASCII letter")
        << QStringLiteral("caf\u00e9") << QStringLiteral("invalid key 'caf\u00e9'") + chars;
    QTest::newRow("256 characters")
        << repeated('k', 256)
        << QStringLiteral("invalid key %1: a key has at most 255 characters (this one has 256)")
               .arg(shortQuote(repeated('k', 256)));
    QTest::newRow("300 characters")
        << repeated('x', 300)
        << QStringLiteral("invalid key %1: a key has at most 255 characters (this one has 300)")
               .arg(shortQuote(repeated('x', 300)));
}

void TestRules::invalidKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, message);
    QCOMPARE(rules::keyProblem(key), message);
    QVERIFY(!rules::isValidKey(key));
    QCOMPARE(errorMessage(ErrorCode::InvalidInput, [&] { rules::requireValidKey(key); }), message);
}

void TestRules::validNamespaces_data()
{
    QTest::addColumn<QString>("ns");
    QTest::newRow("top level") << QStringLiteral("company");
    QTest::newRow("three levels") << QStringLiteral("company.team.etl");
    QTest::newRow("digits") << QStringLiteral("2024.q1");
    QTest::newRow("underscore and dash") << QStringLiteral("data_eng.etl-jobs");
    QTest::newRow("segment ending in dash") << QStringLiteral("a-.b_");
    QTest::newRow("150 characters") << repeated('n', 150);
    QTest::newRow("many short segments")
        << QStringLiteral("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z");
}

void TestRules::validNamespaces()
{
    QFETCH(QString, ns);
    QCOMPARE(rules::namespaceProblem(ns), QString());
    QVERIFY(rules::isValidNamespace(ns));
    QCOMPARE(errorMessage(ErrorCode::InvalidInput, [&] { rules::requireValidNamespace(ns); }),
             QStringLiteral("<nothing thrown>"));
}

void TestRules::invalidNamespaces_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("quotedInput");
    QTest::addColumn<QString>("reason");
    const QString longName = repeated('n', 151);
    QTest::newRow("empty") << QString() << QString()
                           << QStringLiteral("invalid namespace: a namespace must not be empty");
    QTest::newRow("151 characters")
        << longName << shortQuote(longName)
        << QStringLiteral("a namespace has at most 150 characters (this one has 151)");
    QTest::newRow("uppercase") << QStringLiteral("Company.team") << QStringLiteral("'Company.team'")
                               << QStringLiteral("uppercase letters are not allowed");
    QTest::newRow("leading dot") << QStringLiteral(".a") << QStringLiteral("'.a'")
                                 << QStringLiteral("it has an empty segment");
    QTest::newRow("trailing dot") << QStringLiteral("a.") << QStringLiteral("'a.'")
                                  << QStringLiteral("it has an empty segment");
    QTest::newRow("double dot") << QStringLiteral("a..b") << QStringLiteral("'a..b'")
                                << QStringLiteral("it has an empty segment");
    QTest::newRow("only a dot") << QStringLiteral(".") << QStringLiteral("'.'")
                                << QStringLiteral("it has an empty segment");
    QTest::newRow("segment starts with dash")
        << QStringLiteral("a.-b") << QStringLiteral("'a.-b'")
        << QStringLiteral("the segment '-b' must start with a letter or digit");
    QTest::newRow("segment starts with underscore")
        << QStringLiteral("_a") << QStringLiteral("'_a'")
        << QStringLiteral("the segment '_a' must start with a letter or digit");
    QTest::newRow("space") << QStringLiteral("a b") << QStringLiteral("'a b'")
                           << QStringLiteral("the character U+0020 is not allowed");
    QTest::newRow("slash") << QStringLiteral("a/b") << QStringLiteral("'a/b'")
                           << QStringLiteral("the character '/' is not allowed");
    QTest::newRow("non-ASCII letter")
        << QStringLiteral("\u00e9t\u00e9") << QStringLiteral("'\u00e9t\u00e9'")
        << QStringLiteral("the character '\u00e9' is not allowed");
}

void TestRules::invalidNamespaces()
{
    QFETCH(QString, ns);
    QFETCH(QString, quotedInput);
    QFETCH(QString, reason);
    const QString message = rules::namespaceProblem(ns);
    QVERIFY2(message.startsWith(QStringLiteral("invalid namespace")), qPrintable(message));
    QVERIFY2(message.contains(quotedInput), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    if (!ns.isEmpty() && ns.size() <= rules::maxNamespaceLength)
        QVERIFY2(message.contains(QStringLiteral("e.g. company.team.etl")), qPrintable(message));
    QVERIFY(!rules::isValidNamespace(ns));
    QCOMPARE(errorMessage(ErrorCode::InvalidInput, [&] { rules::requireValidNamespace(ns); }),
             message);
}

void TestRules::keyPrefixes_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("message");
    const QString chars =
        QStringLiteral(": a key prefix may only contain letters, digits, '.', '_' and '-'");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("letters") << QStringLiteral("db") << QString();
    QTest::newRow("with separators") << QStringLiteral("db.pool_") << QString();
    QTest::newRow("starts with dot") << QStringLiteral(".x") << QString();
    QTest::newRow("255 characters") << repeated('p', 255) << QString();
    QTest::newRow("space") << QStringLiteral("a b")
                           << QStringLiteral("invalid key prefix 'a b'") + chars;
    QTest::newRow("wildcard") << QStringLiteral("db*")
                              << QStringLiteral("invalid key prefix 'db*'") + chars;
    QTest::newRow("256 characters")
        << repeated('p', 256)
        << QStringLiteral("invalid key prefix %1: a key prefix has at most 255 characters "
                          "(this one has 256)")
               .arg(shortQuote(repeated('p', 256)));
}

void TestRules::keyPrefixes()
{
    QFETCH(QString, prefix);
    QFETCH(QString, message);
    QCOMPARE(rules::keyPrefixProblem(prefix), message);
    const QString thrown =
        errorMessage(ErrorCode::InvalidInput, [&] { rules::requireValidKeyPrefix(prefix); });
    QCOMPARE(thrown, message.isEmpty() ? QStringLiteral("<nothing thrown>") : message);
}

void TestRules::parentNamespace_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("parent");
    QTest::newRow("three levels") << QStringLiteral("company.team.etl")
                                  << QStringLiteral("company.team");
    QTest::newRow("two levels") << QStringLiteral("company.team") << QStringLiteral("company");
    QTest::newRow("top level") << QStringLiteral("company") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestRules::parentNamespace()
{
    QFETCH(QString, ns);
    QFETCH(QString, parent);
    QCOMPARE(rules::parentNamespace(ns), parent);
}

void TestRules::withinNamespace_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("ancestor");
    QTest::addColumn<bool>("within");
    QTest::newRow("child") << QStringLiteral("a.b") << QStringLiteral("a") << true;
    QTest::newRow("grandchild") << QStringLiteral("a.b.c") << QStringLiteral("a") << true;
    QTest::newRow("grandchild of two levels")
        << QStringLiteral("a.b.c") << QStringLiteral("a.b") << true;
    QTest::newRow("itself") << QStringLiteral("a") << QStringLiteral("a") << true;
    QTest::newRow("longer name, same start")
        << QStringLiteral("ab") << QStringLiteral("a") << false;
    QTest::newRow("longer segment") << QStringLiteral("a.bc") << QStringLiteral("a.b") << false;
    QTest::newRow("parent is not within child")
        << QStringLiteral("a") << QStringLiteral("a.b") << false;
    QTest::newRow("sibling") << QStringLiteral("a.c") << QStringLiteral("a.b") << false;
    QTest::newRow("unrelated") << QStringLiteral("b.a") << QStringLiteral("a") << false;
    QTest::newRow("empty ancestor") << QStringLiteral("a") << QString() << false;
}

void TestRules::withinNamespace()
{
    QFETCH(QString, ns);
    QFETCH(QString, ancestor);
    QFETCH(bool, within);
    QCOMPARE(rules::isWithinNamespace(ns, ancestor), within);
}

} // namespace kv

QTEST_APPLESS_MAIN(kv::TestRules)
#include "tst_rules.moc"
