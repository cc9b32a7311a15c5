# Windows: a self-contained folder (the NSIS installer puts it in Program Files\KV Desk).
#
#   bin\kvdesk.exe, kvdesk-cli.exe, kvdesk-server.exe, the Qt DLLs and qt.conf (windeployqt),
#       other DLLs the programs link (QtKeychain), the MSVC runtime
#   plugins\      Qt plugins (platforms, styles, sqldrivers, iconengines, imageformats, tls)
#   translations\ Qt's translations (windeployqt) and kvdesk_*.qm
#   README.md, LICENSE.txt
#
# The executables get the application icon and version information from a resource script.
set(programs kvdesk kvdesk-cli)
if(KVDESK_HAS_SERVER)
    list(APPEND programs kvdesk-server)
endif()

set(KVDESK_ICO_FILE "${KVDESK_ICON_DIR}/${KVDESK_APP_ID}.ico")
set(rc_descriptions_kvdesk "${KVDESK_DISPLAY_NAME}")
set(rc_descriptions_kvdesk-cli "${KVDESK_DISPLAY_NAME} command-line tool")
set(rc_descriptions_kvdesk-server "${KVDESK_DISPLAY_NAME} catalog server")
foreach(program IN LISTS programs)
    set(KVDESK_RC_NAME "${program}")
    set(KVDESK_RC_DESCRIPTION "${rc_descriptions_${program}}")
    configure_file(windows/kvdesk.rc.in "${CMAKE_CURRENT_BINARY_DIR}/windows/${program}.rc" @ONLY)
    target_sources(${program} PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/windows/${program}.rc")
    # The .ico is rendered at build time, before the resource compiler reads it.
    add_dependencies(${program} kvdesk_icons)
endforeach()

install(TARGETS ${programs} RUNTIME DESTINATION bin)

# DLLs of imported libraries that are not Qt's (QtKeychain): windeployqt only copies Qt's own.
foreach(program IN LISTS programs)
    install(CODE "
        set(_kvdesk_dlls \"$<TARGET_RUNTIME_DLLS:${program}>\")
        list(FILTER _kvdesk_dlls EXCLUDE REGEX \"/Qt6[^/]*\\\\.dll$\")
        if(_kvdesk_dlls)
            file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/bin\" TYPE SHARED_LIBRARY
                FILES \${_kvdesk_dlls})
        endif()
    ")
endforeach()

# The MSVC runtime next to the programs (no separate redistributable to install).
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
include(InstallRequiredSystemLibraries)

# windeployqt at install time, through Qt's deployment API (Qt 6.3+): the Qt DLLs and plugins
# every program needs, and bin\qt.conf pointing at plugins\.
set(deploy_extra "")
foreach(program IN LISTS programs)
    if(NOT program STREQUAL "kvdesk")
        string(APPEND deploy_extra " \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:${program}>\"")
    endif()
endforeach()
set(deploy_script "${CMAKE_CURRENT_BINARY_DIR}/deploy-kvdesk-$<CONFIG>.cmake")
file(GENERATE OUTPUT "${deploy_script}" CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:kvdesk>\"
    ADDITIONAL_EXECUTABLES ${deploy_extra}
    GENERATE_QT_CONF
)
# windeployqt copies the VC++ redistributable installer when run from a developer prompt; the
# runtime DLLs are installed next to the programs instead.
file(GLOB _kvdesk_redist \"\${QT_DEPLOY_PREFIX}/vc_redist*.exe\")
if(_kvdesk_redist)
    file(REMOVE \${_kvdesk_redist})
endif()
")
install(SCRIPT "${deploy_script}")

install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION .)
if(EXISTS "${KVDESK_LICENSE_FILE}")
    install(FILES "${KVDESK_LICENSE_FILE}" DESTINATION . RENAME LICENSE.txt)
endif()
