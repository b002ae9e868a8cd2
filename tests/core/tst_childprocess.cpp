// SPDX-License-Identifier: GPL-3.0-or-later
// The child process golf talks to (the evaluator bridge's transport): lines both ways, the
// environment and working folder it is given, deadlines that kill a hung child, and a child
// that dies or was never there reported as Core::Error, never as a SIGPIPE that ends the test.

#include "common/childprocess.h"
#include "common/error.h"
#include "errortext.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Core;
using TestData::errorOf;

namespace {

ChildSpec shell(const std::string &script)
{
    ChildSpec s;
    s.program = "/bin/sh";
    s.args = {"-c", script};
    s.what = "the test child";
    return s;
}

} // namespace

class TestChildProcess : public QObject
{
    Q_OBJECT

private slots:
    void echoesLines()
    {
        ChildProcess c(shell("while read -r line; do echo \"got $line\"; done"));
        std::string line;
        for (const char *word : {"one", "two", "three"}) {
            c.write(std::string(word) + "\n");
            QCOMPARE(int(c.readLine(line, 10.0)), int(ChildProcess::ReadResult::Line));
            QCOMPARE(QString::fromStdString(line), QStringLiteral("got ") + word);
        }
        QVERIFY(c.running());
    }

    void environmentAndFolder()
    {
        QTemporaryDir dir;
        ChildSpec s = shell("echo \"$GOLF_TEST_VALUE\"; pwd");
        s.env = {{"GOLF_TEST_VALUE", "forty two"}};
        s.workDir = dir.path().toStdString();
        ChildProcess c(s);
        std::string line;
        QCOMPARE(int(c.readLine(line, 10.0)), int(ChildProcess::ReadResult::Line));
        QCOMPARE(QString::fromStdString(line), QStringLiteral("forty two"));
        QCOMPARE(int(c.readLine(line, 10.0)), int(ChildProcess::ReadResult::Line));
        QCOMPARE(QFileInfo(QString::fromStdString(line)).canonicalFilePath(), QFileInfo(dir.path()).canonicalFilePath());
    }

    void timeoutLeavesItRunningUntilKilled()
    {
        ChildProcess c(shell("sleep 30"));
        std::string line;
        QElapsedTimer t;
        t.start();
        QCOMPARE(int(c.readLine(line, 0.3)), int(ChildProcess::ReadResult::Timeout));
        QVERIFY(t.elapsed() >= 250 && t.elapsed() < 5000);
        QVERIFY(c.running());
        c.kill();
        QVERIFY(!c.running());
        QVERIFY(QString::fromStdString(c.describeExit()).contains("signal 9"));
    }

    void exitStatusAndStderr()
    {
        ChildProcess c(shell("echo partial; echo 'it went wrong' >&2; exit 3"));
        std::string line;
        QCOMPARE(int(c.readLine(line, 10.0)), int(ChildProcess::ReadResult::Line));
        QCOMPARE(int(c.readLine(line, 10.0)), int(ChildProcess::ReadResult::Eof));
        QCOMPARE(c.wait(), 3);
        QCOMPARE(QString::fromStdString(c.describeExit()), QStringLiteral("exited with status 3"));
        QVERIFY(QString::fromStdString(c.stderrTail()).contains("it went wrong"));
    }

    void writingToAChildThatExitedIsAnError()
    {
        ChildProcess c(shell("exec 0<&-; echo bye >&2; exit 0"));
        std::string line;
        QCOMPARE(int(c.readLine(line, 10.0)), int(ChildProcess::ReadResult::Eof));
        // Enough to fill any socket buffer: without MSG_NOSIGNAL this would be SIGPIPE.
        const std::string big(1 << 22, 'x');
        const QString message = errorOf([&] { c.write(big); });
        QVERIFY2(message.contains("the test child exited with status 0"), qPrintable(message));
    }

    void stderrTailIsBounded()
    {
        ChildProcess c(shell("i=0; while [ $i -lt 2000 ]; do echo \"noise line $i\" >&2; i=$((i+1)); done; exit 1"));
        std::string line;
        QCOMPARE(int(c.readLine(line, 20.0)), int(ChildProcess::ReadResult::Eof));
        c.wait();
        const std::string tail = c.stderrTail();
        QVERIFY(tail.size() <= 8192);
        QVERIFY(QString::fromStdString(tail).contains("noise line 1999"));
    }

    void missingProgram()
    {
        ChildSpec s;
        s.program = "golf-no-such-program-anywhere";
        s.what = "the test child";
        const QString message = errorOf([&] { ChildProcess c(s); });
        QVERIFY2(message.contains("'golf-no-such-program-anywhere' was not found"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestChildProcess)
#include "tst_childprocess.moc"
