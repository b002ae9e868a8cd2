// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Tests whose environment can be missing: ../shared/data, Debian's python3-torch, the fortunes
// package. On a developer's machine without it such a test skips and exits with
// TestEnv::kSkipExitCode, which golf_add_test(... NEEDS ...) registers as CTest's
// SKIP_RETURN_CODE, so `ctest` lists it as "Skipped" instead of counting it as passed. Under CI
// (CI set, or GOLF_REQUIRE_ENV=1) the same skip is a failure: a CI machine that lost its data or
// its Python must not pass by skipping what it was meant to check.
//
// Use GOLF_SKIP_ENV(reason) in a test function, or TestEnv::missing() in a helper whose caller
// returns at once, and GOLF_TEST_GUILESS_MAIN instead of QTEST_GUILESS_MAIN (it turns "passed
// with environment skips" into the skip exit code).

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QtTest>

namespace TestEnv {

/// The automake convention for "skipped"; CTest's SKIP_RETURN_CODE for every NEEDS test.
constexpr int kSkipExitCode = 77;

/// Whether a missing environment fails the test. GOLF_REQUIRE_ENV decides when it is set
/// ("0" lets a CI shell skip again); otherwise any CI value but "0"/"false" requires it,
/// because CI services set CI=true (some CI=1).
inline bool required()
{
    const QByteArray force = qgetenv("GOLF_REQUIRE_ENV");
    if (!force.isEmpty())
        return force != "0";
    const QByteArray ci = qgetenv("CI").toLower();
    return !ci.isEmpty() && ci != "0" && ci != "false";
}

/// ../shared/data beside the checkout, or $GOLF_SHARED_DATA (which also lets a CI check point it
/// at an empty folder to see that a missing data set fails).
inline QString sharedData()
{
    return qEnvironmentVariable("GOLF_SHARED_DATA", QStringLiteral(GOLF_SHARED_DATA));
}

inline int &skips()
{
    static int n = 0;
    return n;
}

/// Records that the current test cannot run because `what` is missing: a failure when
/// required(), else a skip. The caller must return right after (QTest only marks the result).
inline void missing(const QString &what, const char *file, int line)
{
    if (required()) {
        QTest::qFail(qPrintable(QStringLiteral("test environment missing (a failure, not a skip, "
                                               "under CI or GOLF_REQUIRE_ENV=1): ")
                                + what),
                     file, line);
        return;
    }
    ++skips();
    QTest::qSkip(qPrintable(what), file, line);
}

/// The process exit code: Qt Test's failure count, or kSkipExitCode when nothing failed and an
/// environment skip happened (77 failures would read as a skip, so that count becomes 78).
inline int exitCode(int failures)
{
    if (failures == 0)
        return skips() > 0 ? kSkipExitCode : 0;
    return failures == kSkipExitCode ? failures + 1 : failures;
}

} // namespace TestEnv

/// Skips (locally) or fails (CI) the current test function because `reason` is missing.
#define GOLF_SKIP_ENV(reason)                                                                      \
    do {                                                                                           \
        TestEnv::missing(QString(reason), __FILE__, __LINE__);                                     \
        return;                                                                                    \
    } while (false)

/// QTEST_GUILESS_MAIN with TestEnv's exit code.
#define GOLF_TEST_GUILESS_MAIN(TestObject)                                                         \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        QCoreApplication app(argc, argv);                                                          \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                   \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return TestEnv::exitCode(QTest::qExec(&tc, argc, argv));                                   \
    }
