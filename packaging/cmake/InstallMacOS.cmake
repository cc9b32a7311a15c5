# macOS: one self-contained application bundle, which the disk image offers to drag to
# /Applications.
#
#   KV Desk.app/Contents/Info.plist                  from macos/Info.plist.in
#   KV Desk.app/Contents/MacOS/KV Desk               the application
#   KV Desk.app/Contents/MacOS/kvdesk-cli, kvdesk-server
#   KV Desk.app/Contents/Frameworks, PlugIns         Qt and other libraries (macdeployqt)
#   KV Desk.app/Contents/Resources/<app id>.icns, translations/kvdesk_*.qm, qt.conf
set(bundle "${KVDESK_BUNDLE_NAME}")
set(KVDESK_ICNS_NAME "${KVDESK_APP_ID}.icns")
if(NOT CMAKE_OSX_DEPLOYMENT_TARGET)
    set(KVDESK_MACOS_MINIMUM "11.0")
else()
    set(KVDESK_MACOS_MINIMUM "${CMAKE_OSX_DEPLOYMENT_TARGET}")
endif()
string(TIMESTAMP kvdesk_year "%Y")

# The bundle is called "KV Desk.app" (its executable "KV Desk"); CMake fills in the Info.plist
# template when it builds the bundle.
configure_file(macos/Info.plist.in "${CMAKE_CURRENT_BINARY_DIR}/macos/Info.plist" @ONLY)
set_target_properties(kvdesk PROPERTIES
    OUTPUT_NAME "${KVDESK_DISPLAY_NAME}"
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_BINARY_DIR}/macos/Info.plist")

set(programs kvdesk-cli)
if(KVDESK_HAS_SERVER)
    list(APPEND programs kvdesk-server)
endif()
# The installed programs keep the paths of the libraries they link (Qt, QtKeychain) as rpaths:
# macdeployqt resolves @rpath references through them, copies the libraries into the bundle and
# replaces those rpaths with the bundle's Frameworks folder.
set_target_properties(kvdesk ${programs} PROPERTIES INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS kvdesk BUNDLE DESTINATION .)
install(TARGETS ${programs} RUNTIME DESTINATION "${bundle}/Contents/MacOS")
install(FILES "${KVDESK_ICON_DIR}/${KVDESK_ICNS_NAME}" DESTINATION "${bundle}/Contents/Resources")
install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${bundle}/Contents/Resources")
if(EXISTS "${KVDESK_LICENSE_FILE}")
    install(FILES "${KVDESK_LICENSE_FILE}" DESTINATION "${bundle}/Contents/Resources")
endif()

# macdeployqt at install time, through Qt's deployment API (Qt 6.3+): Qt frameworks, plugins
# and other libraries into the bundle, the command-line programs' references rewritten too.
# Then the whole bundle is signed ad hoc: macdeployqt changes the binaries, and Apple silicon
# runs no binary whose signature does not match (a release signs with a Developer ID instead).
set(deploy_extra "")
foreach(program IN LISTS programs)
    string(APPEND deploy_extra " \"${bundle}/Contents/MacOS/$<TARGET_FILE_NAME:${program}>\"")
endforeach()
set(deploy_script "${CMAKE_CURRENT_BINARY_DIR}/deploy-kvdesk-$<CONFIG>.cmake")
file(GENERATE OUTPUT "${deploy_script}" CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"${bundle}\"
    ADDITIONAL_EXECUTABLES ${deploy_extra}
)
execute_process(
    COMMAND codesign --force --deep --sign - \"\${QT_DEPLOY_PREFIX}/${bundle}\"
    RESULT_VARIABLE _kvdesk_codesign)
if(_kvdesk_codesign)
    message(FATAL_ERROR \"codesign of ${bundle} failed: \${_kvdesk_codesign}\")
endif()
")
install(SCRIPT "${deploy_script}")
