# SPDX-License-Identifier: GPL-3.0-or-later
# The build stamp: the git revision (with -dirty when tracked files differ from it) read at build
# time, not at configure time, so `golf --version` and every run's config.json name the commit
# that was compiled even after commits without a re-configure.
#
# Included from core/CMakeLists.txt, this defines golf_add_buildstamp(<target>). Run as
# `cmake -P` on every build, it writes generated/buildstamp.cpp and replaces the file only when
# its text changed, so an unchanged revision recompiles and relinks nothing.

if(CMAKE_SCRIPT_MODE_FILE)
    # --exclude=* ignores tags: always the hash, as config.json has recorded it so far.
    execute_process(COMMAND git describe --always --dirty --abbrev=12 --exclude=*
                    WORKING_DIRECTORY "${SOURCE_DIR}"
                    OUTPUT_VARIABLE revision OUTPUT_STRIP_TRAILING_WHITESPACE
                    RESULT_VARIABLE status ERROR_QUIET)
    if(NOT status EQUAL 0 OR revision STREQUAL "")
        set(revision "unknown") # a source tarball, or git missing
    endif()
    string(CONCAT text
        "// Generated at build time by core/common/buildstamp.cmake. Do not edit.\n"
        "namespace Core::BuildStamp {\n"
        "const char *version() { return \"${VERSION}\"; }\n"
        "const char *gitRevision() { return \"${revision}\"; }\n"
        "} // namespace Core::BuildStamp\n")
    file(WRITE "${OUTPUT}.tmp" "${text}")
    file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
    file(REMOVE "${OUTPUT}.tmp")
    return()
endif()

# Adds the stamp to `target` (the library that holds common/buildinfo.cpp).
function(golf_add_buildstamp target)
    set(out "${CMAKE_CURRENT_BINARY_DIR}/generated/buildstamp.cpp")
    # A target, not a command: it runs on every build. BYPRODUCTS lets Ninja re-check the file's
    # time stamp (restat), so the stamp's object is rebuilt only when the file was rewritten.
    add_custom_target(${target}_stamp
        COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${out}
                -DVERSION=${PROJECT_VERSION} -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE}
        BYPRODUCTS ${out}
        VERBATIM)
    target_sources(${target} PRIVATE ${out})
    add_dependencies(${target} ${target}_stamp)
endfunction()
