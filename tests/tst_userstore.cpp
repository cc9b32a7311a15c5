// kvdesk-server's users (src/server/UserStore) without a process: what a login costs — one key
// derivation, for a known name and an unknown one alike — the scheme in any case, and the
// remembered headers that cost none.
#include "UserStore.h"

#include <QTest>

using kv::server::UserStore;

namespace {

QByteArray basic(const QByteArray& scheme, const QByteArray& user, const QByteArray& password)
{
    return scheme + ' ' + (user + ':' + password).toBase64();
}

} // namespace

class TestUserStore : public QObject
{
    Q_OBJECT

private slots:
    void unknownNamesCostOneDerivation();
    void schemesInAnyCase();
    void rememberedHeadersCostNothing();
};

void TestUserStore::unknownNamesCostOneDerivation()
{
    UserStore users;
    users.add(UserStore::Kind::Password, QStringLiteral("alice"), QStringLiteral("right"));
    qint64 before = users.derivations();
    QVERIFY(!users.authenticate(basic("Basic", "alice", "wrong")));
    QCOMPARE(users.derivations() - before, 1);
    before = users.derivations();
    QVERIFY(!users.authenticate(basic("Basic", "nobody", "wrong")));
    QCOMPARE(users.derivations() - before, 1); // before: 0, answered in 6 ms instead of 260
    before = users.derivations();
    QVERIFY(!users.authenticate(basic("Basic", "", "x"))); // no name at all
    QCOMPARE(users.derivations() - before, 1);
    QCOMPARE(UserStore::claimedUser(basic("basic", "nobody", "x")), QStringLiteral("nobody"));
}

void TestUserStore::schemesInAnyCase()
{
    UserStore users;
    users.add(UserStore::Kind::Password, QStringLiteral("alice"), QStringLiteral("right"));
    users.add(UserStore::Kind::Token, QStringLiteral("ci"), QStringLiteral("tok"));
    QCOMPARE(users.authenticate(basic("basic", "alice", "right")), QStringLiteral("alice"));
    QCOMPARE(users.authenticate(basic("BASIC", "alice", "right")), QStringLiteral("alice"));
    QCOMPARE(users.authenticate("bearer tok"), QStringLiteral("ci"));
    QCOMPARE(users.authenticate("  Bearer   tok  "), QStringLiteral("ci"));
    QVERIFY(!users.authenticate("Digest abc"));
    QVERIFY(!users.authenticate("Basic"));
}

void TestUserStore::rememberedHeadersCostNothing()
{
    UserStore users;
    users.add(UserStore::Kind::Password, QStringLiteral("alice"), QStringLiteral("right"));
    const QByteArray header = basic("Basic", "alice", "right");
    QVERIFY(!users.remembered(header));
    QCOMPARE(users.authenticate(header), QStringLiteral("alice"));
    const qint64 before = users.derivations();
    QCOMPARE(users.remembered(header), QStringLiteral("alice"));
    QCOMPARE(users.authenticate(header), QStringLiteral("alice"));
    QCOMPARE(users.derivations(), before);
    QVERIFY(!users.remembered(basic("Basic", "alice", "wrong")));
}

QTEST_GUILESS_MAIN(TestUserStore)
#include "tst_userstore.moc"
