// The OS keychain through KeychainCredentialStore. Run twice by CTest: inside a private D-Bus
// session with GNOME Keyring unlocked (tests/with-keyring sets KVDESK_KEYRING=available) for a
// real round trip, and without any session bus (KVDESK_KEYRING=none), where every call must
// report that no keychain exists — and neither run may leave the secret in a file.
#include "KeychainCredentialStore.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using Status = CredentialStore::Status;

class TestKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip();
    void withoutKeychain();

private:
    static CredentialStore::Result wait(QFuture<CredentialStore::Result> future);
    // True when `secret` appears in any file below the user's config or data folders.
    static bool secretOnDisk(const QString& secret);

    QString m_mode;
};

void TestKeychain::initTestCase()
{
    m_mode = qEnvironmentVariable("KVDESK_KEYRING");
    QVERIFY2(m_mode == QLatin1String("available") || m_mode == QLatin1String("none"),
             "KVDESK_KEYRING is not set: run the test through ctest");
    QCoreApplication::setOrganizationName(QStringLiteral("KVDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_keychain"));
}

CredentialStore::Result TestKeychain::wait(QFuture<CredentialStore::Result> future)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, 20000))
        return {Status::Failed, QString(), QStringLiteral("timed out")};
    return future.result();
}

bool TestKeychain::secretOnDisk(const QString& secret)
{
    const QByteArray needle = secret.toUtf8();
    for (const auto location :
         {QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation}) {
        QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
                return true;
        }
    }
    return false;
}

void TestKeychain::roundTrip()
{
    if (m_mode != QLatin1String("available"))
        QSKIP("runs inside tests/with-keyring");
    KeychainCredentialStore store(QStringLiteral("io.github.kvdesk.KVDesk.test"));
    const QString account = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString secret = QStringLiteral("pässwörd-") + QUuid::createUuid().toString();

    CredentialStore::Result r = wait(store.read(account));
    QCOMPARE(int(r.status), int(Status::NotFound));
    QVERIFY(!r.message.isEmpty());

    r = wait(store.write(account, secret));
    QVERIFY2(r.ok(), qPrintable(r.message));
    r = wait(store.read(account));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.secret, secret);

    r = wait(store.write(account, secret + QStringLiteral("-2")));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(wait(store.read(account)).secret, secret + QStringLiteral("-2"));

    // Another account is another entry.
    QCOMPARE(int(wait(store.read(account + QStringLiteral("x"))).status), int(Status::NotFound));

    QVERIFY(!secretOnDisk(secret)); // the keyring file holds it encrypted, QSettings not at all
    QVERIFY(QSettings().allKeys().isEmpty());

    r = wait(store.remove(account));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(int(wait(store.read(account)).status), int(Status::NotFound));
    QVERIFY2(wait(store.remove(account)).ok(), "removing what is gone is fine");
}

void TestKeychain::withoutKeychain()
{
    if (m_mode != QLatin1String("none"))
        QSKIP("runs without a session bus");
    KeychainCredentialStore store(QStringLiteral("io.github.kvdesk.KVDesk.test"));
    const QString secret = QStringLiteral("never-stored-") + QUuid::createUuid().toString();
    const CredentialStore::Result written = wait(store.write(QStringLiteral("a"), secret));
    QVERIFY(!written.ok());
    // No bus at all: QtKeychain reports an error of its own rather than "no backend"; either way
    // the store says the keychain cannot be used, and the GUI then asks for the secret.
    QVERIFY2(written.status == Status::NoBackend || written.status == Status::Failed,
             qPrintable(written.message));
    QVERIFY2(written.message.contains(QStringLiteral("keychain")), qPrintable(written.message));
    const CredentialStore::Result read = wait(store.read(QStringLiteral("a")));
    QCOMPARE(int(read.status), int(written.status));
    QVERIFY(!secretOnDisk(secret));
    QVERIFY(QSettings().allKeys().isEmpty());
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
