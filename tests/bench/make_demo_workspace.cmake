# SPDX-License-Identifier: GPL-3.0-or-later
# A benchmark makes its own data: a small `golf demo` workspace (tokenized fortunes, a trained
# checkpoint) for bench_gptq, made once per build tree and reused while it has a checkpoint.
#   cmake -DGOLF=<golf> -DWORKSPACE=<dir> -DITERATIONS=<n> -P make_demo_workspace.cmake
file(GLOB_RECURSE checkpoints "${WORKSPACE}/runs/*/checkpoints/step_*.pt")
if(checkpoints)
    message(STATUS "bench data: reusing ${WORKSPACE}")
    return()
endif()
message(STATUS "bench data: golf demo --workspace ${WORKSPACE} --iterations ${ITERATIONS}")
execute_process(COMMAND "${GOLF}" demo --workspace "${WORKSPACE}" --iterations "${ITERATIONS}"
                        --quiet
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "golf demo failed (exit code ${rc}); bench_gptq has no model to measure")
endif()
