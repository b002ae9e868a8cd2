// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Where golf and golf-studio find the files they ship with but do not hold themselves: the demo
// description (demo/demo.json), the recipe presets (recipes/*.json), the user guide and the
// Python reader exports embed (python/golf_mixed.py) and the evaluator bridge (python/golf_bridge.py). Qt-free, so both executables and their
// tests ask the same function.
//
// Resources are located relative to the running executable: <exe dir>/../share/golf-studio,
// which is /usr/share/golf-studio for /usr/bin/golf and the build tree's app/share/golf-studio
// for app/golf/golf. $GOLF_RESOURCE_DIR overrides that (a relocated copy, a test). The source
// tree is only a build-tree fallback, compiled in where GOLF_SOURCE_RESOURCES is defined for
// resourcedir.cpp; this file is the one place that knows about it.

#include <string>
#include <vector>

namespace Core {

/// The directory of the running executable (/proc/self/exe's folder); "" when unknown.
std::string executableDir();

/// The resource folder for an executable living in `exeDir`: $GOLF_RESOURCE_DIR when set and
/// holding demo/demo.json or recipes/, else `exeDir`/../share/golf-studio when it does, else
/// the build-tree fallback (see above); "" when none exists. Canonical (no "..").
std::string resourceDirFor(const std::string &exeDir);
/// resourceDirFor(executableDir()).
std::string resourceDir();

/// The bundled recipe presets (recipes/*.json under resourceDir()), sorted by file name.
std::vector<std::string> recipePresetPaths();
/// The preset called `name` ("int6-records"): its path, or "" when there is none.
std::string recipePresetPath(const std::string &name);

/// The demo description, resourceDir()/demo/demo.json; "" when there is none.
std::string demoDescriptionPath();

/// A Python module golf ships (golf_mixed.py, golf_bridge.py): resourceDir()/python/, or the
/// source tree's packaging/python/ beside the build-tree fallback; "" when there is none.
std::string pythonModulePath(const std::string &fileName);
/// golf_mixed.py, the golf-mixed-v1 reader an export ships.
std::string mixedReaderPath();

/// Folders the user guide (guide.md) may be in, most specific first: the installed
/// share/doc/golf-studio/guide beside the executable, resourceDir()/guide and the
/// build-tree fallback's guide/. Not filtered by existence.
std::vector<std::string> guideSearchPath();

} // namespace Core
