#include "domain/CatalogError.h"
#include "domain/IsoDuration.h"
#include "ExpectError.h"

#include <limits>
#include <QTest>

namespace kv {

class TestIsoDuration : public QObject
{
    Q_OBJECT

private slots:
    void validTtl_data();
    void validTtl();
    void invalidTtl_data();
    void invalidTtl();
    void zeroValues_data();
    void zeroValues();
    void toString_data();
    void toString();
    void tryParse();
};

namespace {

constexpr qint64 second = 1000;
constexpr qint64 minute = 60 * second;
constexpr qint64 hour = 60 * minute;
constexpr qint64 day = 24 * hour;

const QString yearsMonths = QStringLiteral(
    "years and months are not allowed; use weeks (W), days (D), hours (H), minutes (M) or "
    "seconds (S), e.g. PT30S, P1D, P1W");

} // namespace

void TestIsoDuration::validTtl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("seconds") << QStringLiteral("PT30S") << 30 * second << QStringLiteral("PT30S");
    QTest::newRow("minutes") << QStringLiteral("PT5M") << 5 * minute << QStringLiteral("PT5M");
    QTest::newRow("one minute") << QStringLiteral("PT1M") << minute << QStringLiteral("PT1M");
    QTest::newRow("hours") << QStringLiteral("PT2H") << 2 * hour << QStringLiteral("PT2H");
    QTest::newRow("day") << QStringLiteral("P1D") << day << QStringLiteral("P1D");
    QTest::newRow("days and hours")
        << QStringLiteral("P2DT3H") << 2 * day + 3 * hour << QStringLiteral("P2DT3H");
    QTest::newRow("days, hours, minutes")
        << QStringLiteral("P2DT3H4M") << 2 * day + 3 * hour + 4 * minute
        << QStringLiteral("P2DT3H4M");
    QTest::newRow("all components")
        << QStringLiteral("P1DT1H1M1.001S") << day + hour + minute + second + 1
        << QStringLiteral("P1DT1H1M1.001S");
    QTest::newRow("week") << QStringLiteral("P1W") << 7 * day << QStringLiteral("P7D");
    QTest::newRow("weeks") << QStringLiteral("P52W") << 364 * day << QStringLiteral("P364D");
    QTest::newRow("fractional seconds")
        << QStringLiteral("PT1.5S") << 1500ll << QStringLiteral("PT1.5S");
    QTest::newRow("trailing zeros in fraction")
        << QStringLiteral("PT1.500S") << 1500ll << QStringLiteral("PT1.5S");
    QTest::newRow("one millisecond")
        << QStringLiteral("PT0.001S") << 1ll << QStringLiteral("PT0.001S");
    QTest::newRow("nine fraction digits, rounded down")
        << QStringLiteral("PT1.123456789S") << 1123ll << QStringLiteral("PT1.123S");
    QTest::newRow("half a millisecond rounds up")
        << QStringLiteral("PT0.0005S") << 1ll << QStringLiteral("PT0.001S");
    QTest::newRow("rounding carries into seconds")
        << QStringLiteral("PT1.9999S") << 2 * second << QStringLiteral("PT2S");
    QTest::newRow("minutes normalised")
        << QStringLiteral("PT90M") << 90 * minute << QStringLiteral("PT1H30M");
    QTest::newRow("hours normalised")
        << QStringLiteral("PT36H") << 36 * hour << QStringLiteral("P1DT12H");
    QTest::newRow("seconds normalised")
        << QStringLiteral("PT3600S") << hour << QStringLiteral("PT1H");
    QTest::newRow("zero parts dropped")
        << QStringLiteral("P0DT0H5M0S") << 5 * minute << QStringLiteral("PT5M");
    QTest::newRow("leading zeros")
        << QStringLiteral("PT05M") << 5 * minute << QStringLiteral("PT5M");
    QTest::newRow("longest allowed")
        << QStringLiteral("P1000000D") << 1000000 * day << QStringLiteral("P1000000D");
    QTest::newRow("longest allowed in weeks")
        << QStringLiteral("P142857W") << 999999 * day << QStringLiteral("P999999D");
}

void TestIsoDuration::validTtl()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QFETCH(QString, canonical);
    IsoDuration ttl;
    QString error;
    QVERIFY2(IsoDuration::tryParse(text, false, &ttl, &error), qPrintable(error));
    QCOMPARE(IsoDuration::parseTtl(text), ttl);
    QCOMPARE(ttl.milliseconds(), ms);
    QCOMPARE(ttl.toString(), canonical);
    QCOMPARE(IsoDuration::parseValue(text), ttl);
    QCOMPARE(IsoDuration::parseTtl(canonical), ttl); // the canonical text reads back the same
}

void TestIsoDuration::invalidTtl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << QStringLiteral("a duration must not be empty");
    QTest::newRow("P alone") << QStringLiteral("P")
                             << QStringLiteral("'P' must be followed by at least one component");
    QTest::newRow("PT alone") << QStringLiteral("PT")
                              << QStringLiteral("'T' must be followed by hours (H), minutes (M) or "
                                                "seconds (S)");
    QTest::newRow("T with nothing after")
        << QStringLiteral("P1DT") << QStringLiteral("'T' must be followed by hours (H)");
    QTest::newRow("negative") << QStringLiteral("-PT5S")
                              << QStringLiteral("a duration must not be negative");
    QTest::newRow("zero") << QStringLiteral("PT0S")
                          << QStringLiteral("a TTL must be greater than zero");
    QTest::newRow("zero days") << QStringLiteral("P0D")
                               << QStringLiteral("a TTL must be greater than zero");
    QTest::newRow("rounds to zero")
        << QStringLiteral("PT0.0004S")
        << QStringLiteral("a TTL must be at least one millisecond (PT0.001S)");
    QTest::newRow("years") << QStringLiteral("P1Y") << yearsMonths;
    QTest::newRow("months") << QStringLiteral("P1M")
                            << QStringLiteral("years and months are not allowed (P1M is one month; "
                                              "minutes are PT1M)");
    QTest::newRow("years after T") << QStringLiteral("PT1Y") << yearsMonths;
    QTest::newRow("years and days") << QStringLiteral("P1Y2D") << yearsMonths;
    QTest::newRow("lowercase") << QStringLiteral("pt5m")
                               << QStringLiteral(
                                      "the letters must be uppercase (did you mean 'PT5M'?)");
    QTest::newRow("lowercase designator")
        << QStringLiteral("PT5m") << QStringLiteral("the letters must be uppercase (did you mean");
    QTest::newRow("lowercase and invalid")
        << QStringLiteral("p1y") << QStringLiteral("the letters must be uppercase; expected");
    QTest::newRow("garbage") << QStringLiteral("soon") << QStringLiteral("the letters must be");
    QTest::newRow("no P") << QStringLiteral("T5M") << QStringLiteral("a duration starts with 'P'");
    QTest::newRow("plain number") << QStringLiteral("300")
                                  << QStringLiteral("a duration starts with 'P'");
    QTest::newRow("plus sign") << QStringLiteral("+PT5S")
                               << QStringLiteral("a duration starts with 'P'");
    QTest::newRow("sign inside") << QStringLiteral("P-1D")
                                 << QStringLiteral("unexpected character '-'");
    QTest::newRow("space") << QStringLiteral("PT5M ")
                           << QStringLiteral("unexpected character U+0020");
    QTest::newRow("unknown designator")
        << QStringLiteral("PT5X") << QStringLiteral("unexpected character 'X'");
    QTest::newRow("comma fraction")
        << QStringLiteral("PT1,5S") << QStringLiteral("unexpected character ','");
    QTest::newRow("designator without number")
        << QStringLiteral("PTS") << QStringLiteral("'S' must be preceded by a number");
    QTest::newRow("number without designator")
        << QStringLiteral("PT5")
        << QStringLiteral("the number '5' must be followed by W, D, H, M or S");
    QTest::newRow("hours before T")
        << QStringLiteral("P5H") << QStringLiteral("hours (H) and seconds (S) must come after 'T'");
    QTest::newRow("seconds before T")
        << QStringLiteral("P5S") << QStringLiteral("must come after 'T', e.g. PT2H");
    QTest::newRow("days after T") << QStringLiteral("PT1D")
                                  << QStringLiteral("weeks (W) and days (D) must come before 'T'");
    QTest::newRow("weeks after T")
        << QStringLiteral("PT1W") << QStringLiteral("must come before 'T'");
    QTest::newRow("out of order") << QStringLiteral("PT5M3H")
                                  << QStringLiteral("the components are out of order; the order is "
                                                    "W, D, T, H, M, S");
    QTest::newRow("days before weeks")
        << QStringLiteral("P1D1W") << QStringLiteral("the components are out of order");
    QTest::newRow("duplicated hours")
        << QStringLiteral("PT1H2H") << QStringLiteral("'H' appears twice");
    QTest::newRow("duplicated days")
        << QStringLiteral("P1D2D") << QStringLiteral("'D' appears twice");
    QTest::newRow("duplicated T") << QStringLiteral("PT1HT5M")
                                  << QStringLiteral("'T' appears twice");
    QTest::newRow("weeks and days")
        << QStringLiteral("P1W2D")
        << QStringLiteral("weeks (W) cannot be combined with other components; use days, e.g. P9D");
    QTest::newRow("weeks and hours")
        << QStringLiteral("P1WT2H") << QStringLiteral("weeks (W) cannot be combined");
    QTest::newRow("fraction of minutes")
        << QStringLiteral("PT1.5M") << QStringLiteral("only seconds (S) may have a fraction");
    QTest::newRow("fraction of days")
        << QStringLiteral("P1.5D") << QStringLiteral("only seconds (S) may have a fraction");
    QTest::newRow("fraction without digits after")
        << QStringLiteral("PT1.S")
        << QStringLiteral("a fraction needs digits on both sides of '.'");
    QTest::newRow("fraction without digits before")
        << QStringLiteral("PT.5S")
        << QStringLiteral("a fraction needs digits on both sides of '.'");
    QTest::newRow("ten fraction digits")
        << QStringLiteral("PT1.1234567891S")
        << QStringLiteral("seconds have at most 9 digits after '.'");
    QTest::newRow("too many days")
        << QStringLiteral("P1000001D") << QStringLiteral("it is too long; at most 1000000 days");
    QTest::newRow("too many days in total")
        << QStringLiteral("P1000000DT1S") << QStringLiteral("it is too long");
    QTest::newRow("qint64 overflow in seconds")
        << QStringLiteral("PT9223372036854775807S") << QStringLiteral("it is too long");
    QTest::newRow("huge number") << QStringLiteral("P99999999999999999999999999999999W")
                                 << QStringLiteral("it is too long");
    QTest::newRow("overflow to exactly 2^64 ms")
        << QStringLiteral("PT18446744073709551.616S") << QStringLiteral("it is too long");
}

void TestIsoDuration::invalidTtl()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    const QString message =
        kvtest::errorMessage(ErrorCode::InvalidInput, [&] { IsoDuration::parseTtl(text); });
    const QString quoted = text.isEmpty() ? QStringLiteral("invalid duration:")
                                          : QStringLiteral("invalid duration '%1': ").arg(text);
    QVERIFY2(message.startsWith(quoted), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("PT30S")), qPrintable(message)); // an example
    // The non-throwing form reports the same message and leaves the output alone.
    IsoDuration out = IsoDuration::fromMilliseconds(42);
    QString error;
    QVERIFY(!IsoDuration::tryParse(text, false, &out, &error));
    QCOMPARE(error, message);
    QCOMPARE(out.milliseconds(), 42);
}

void TestIsoDuration::zeroValues_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("zero seconds") << QStringLiteral("PT0S") << 0ll << QStringLiteral("PT0S");
    QTest::newRow("zero days") << QStringLiteral("P0D") << 0ll << QStringLiteral("PT0S");
    QTest::newRow("zero weeks") << QStringLiteral("P0W") << 0ll << QStringLiteral("PT0S");
    QTest::newRow("below resolution")
        << QStringLiteral("PT0.0004S") << 0ll << QStringLiteral("PT0S");
    QTest::newRow("positive") << QStringLiteral("PT5M") << 5 * minute << QStringLiteral("PT5M");
}

void TestIsoDuration::zeroValues()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    QFETCH(QString, canonical);
    IsoDuration value;
    QString error;
    QVERIFY2(IsoDuration::tryParse(text, true, &value, &error), qPrintable(error));
    QCOMPARE(IsoDuration::parseValue(text), value);
    QCOMPARE(value.milliseconds(), ms);
    QCOMPARE(value.toString(), canonical);
    QCOMPARE(IsoDuration::parseValue(canonical), value);
    QCOMPARE(IsoDuration::tryParse(text, false, nullptr, nullptr), ms > 0);
}

void TestIsoDuration::toString_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0ll << QStringLiteral("PT0S");
    QTest::newRow("one millisecond") << 1ll << QStringLiteral("PT0.001S");
    QTest::newRow("250 ms") << 250ll << QStringLiteral("PT0.25S");
    QTest::newRow("seconds and ms") << 61001ll << QStringLiteral("PT1M1.001S");
    QTest::newRow("one week") << 7 * day << QStringLiteral("P7D");
    QTest::newRow("everything") << 3 * day + 4 * hour + 5 * minute + 6 * second + 700
                                << QStringLiteral("P3DT4H5M6.7S");
    QTest::newRow("day and seconds") << day + 1 * second << QStringLiteral("P1DT1S");
    QTest::newRow("negative") << -5 * second << QStringLiteral("-PT5S");
    QTest::newRow("largest qint64")
        << std::numeric_limits<qint64>::max() << QStringLiteral("P106751991167DT7H12M55.807S");
    QTest::newRow("smallest qint64")
        << std::numeric_limits<qint64>::min() << QStringLiteral("-P106751991167DT7H12M55.808S");
}

void TestIsoDuration::toString()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    const IsoDuration duration = IsoDuration::fromMilliseconds(ms);
    QCOMPARE(duration.milliseconds(), ms);
    QCOMPARE(duration.toString(), text);
}

void TestIsoDuration::tryParse()
{
    IsoDuration out;
    QString error = QStringLiteral("untouched");
    QVERIFY(IsoDuration::tryParse(QStringLiteral("PT1H"), false, &out, &error));
    QCOMPARE(out.milliseconds(), hour);
    QCOMPARE(error, QStringLiteral("untouched"));
    QVERIFY(!IsoDuration::tryParse(QStringLiteral("P1Y"), true, nullptr, nullptr));
    QVERIFY(!IsoDuration::tryParse(QStringLiteral("P1Y"), true, &out, &error));
    QCOMPARE(error, QStringLiteral("invalid duration 'P1Y': ") + yearsMonths);
    QCOMPARE(out.milliseconds(), hour);
    QVERIFY(IsoDuration() == IsoDuration::fromMilliseconds(0));
    QVERIFY(IsoDuration::fromMilliseconds(1) != IsoDuration::fromMilliseconds(2));
    // A long input is quoted shortened, with an ellipsis.
    const QString longText =
        QStringLiteral("P") + QString(60, QLatin1Char('1')) + QStringLiteral("D");
    QVERIFY(!IsoDuration::tryParse(longText, false, nullptr, &error));
    QVERIFY2(
        error.startsWith(QStringLiteral("invalid duration '%1\u2026': ").arg(longText.left(40))),
        qPrintable(error));
}

} // namespace kv

QTEST_APPLESS_MAIN(kv::TestIsoDuration)
#include "tst_isoduration.moc"
