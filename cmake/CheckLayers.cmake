# The layering test (ctest `layering`): every quoted #include of the core points at its own layer
# or one below it, so an arrow pointing up fails the tests, not only a code review.
#   cmake -DCORE=<src/core> -P CheckLayers.cmake
#
#   domain/  may include  domain/
#   format/  may include  domain/ format/
#   local/   may include  domain/ format/ local/
#   remote/  may include  domain/ format/ remote/
#   shared/  may include  domain/ format/ local/ remote/ shared/
#   (root)   may include  any of them
if(NOT CORE)
    message(FATAL_ERROR "usage: cmake -DCORE=<path to src/core> -P CheckLayers.cmake")
endif()
set(allowed_domain "domain")
set(allowed_format "domain|format")
set(allowed_local "domain|format|local")
set(allowed_remote "domain|format|remote")
set(allowed_shared "domain|format|local|remote|shared")

set(violations "")
foreach(layer domain format local remote shared)
    file(GLOB sources "${CORE}/${layer}/*.h" "${CORE}/${layer}/*.cpp")
    foreach(source ${sources})
        file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]+\"")
        foreach(line ${includes})
            string(REGEX REPLACE "^[^\"]*\"([^\"]+)\".*$" "\\1" target "${line}")
            if(NOT target MATCHES "^(${allowed_${layer}})/[A-Za-z0-9_]+\\.h$")
                file(RELATIVE_PATH shown "${CORE}" "${source}")
                string(APPEND violations "  ${shown}: #include \"${target}\"\n")
            endif()
        endforeach()
    endforeach()
endforeach()
if(violations)
    message(FATAL_ERROR "includes against the layers of src/core (a layer may include only "
        "itself and the layers below it, rooted at src/core):\n${violations}")
endif()
message(STATUS "layering: every include of src/core points down")
