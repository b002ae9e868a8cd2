// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// main() of a test that builds the real golf-studio window: the window's settings (workspace,
// recent list, demo offered) and its caches (evaluation histories, sensitivity tables) go to
// throwaway folders of this process, never the user's. QStandardPaths' test mode is not used:
// it shares ~/.qttest between test processes that ctest runs in parallel.

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

namespace TestSupport {

template <class Test>
int runIsolatedGuiTest(int argc, char **argv, const char *name)
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
    QTemporaryDir cache;
    qputenv("GOLF_CACHE_DIR", cache.path().toUtf8());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("GolfStudioTest"));
    QApplication::setApplicationName(QString::fromLatin1(name));
    Test test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace TestSupport

#define GOLF_ISOLATED_GUI_TEST_MAIN(TestClass, name)                                             \
    int main(int argc, char **argv) { return TestSupport::runIsolatedGuiTest<TestClass>(argc, argv, name); }
