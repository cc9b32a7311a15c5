# Installs the application's compiled translations (.qm) once the GUI work produces them.
#
# The GUI builds translations/*.ts with qt_add_translations()/qt_add_lrelease(). Whatever that
# produces is picked up here, without this file naming the .ts files:
#   - a target `kvdesk_translations` (or Qt's `kvdesk_lrelease`) is built with `all`, so that the
#     .qm files exist before the install step;
#   - at install time every kvdesk*.qm file of the build tree is installed to
#     KVDESK_INSTALL_TRANSLATIONSDIR (the Qt translations of the Qt libraries come from the
#     distribution on Linux and from windeployqt on Windows).
# Translations embedded as resources (qt_add_translations without QM_FILES_OUTPUT_VARIABLE) need
# nothing installed; installing a copy as well does no harm.
#
# Where the application looks, relative to its executable:
#   Linux    ../share/kvdesk/translations
#   Windows  ../translations            (kvdesk.exe is in bin\)
#   macOS    ../Resources/translations  (inside the bundle)
if(APPLE)
    set(KVDESK_INSTALL_TRANSLATIONSDIR "${KVDESK_BUNDLE_NAME}/Contents/Resources/translations")
elseif(WIN32)
    set(KVDESK_INSTALL_TRANSLATIONSDIR "translations")
else()
    set(KVDESK_INSTALL_TRANSLATIONSDIR "${CMAKE_INSTALL_DATADIR}/kvdesk/translations")
endif()

add_custom_target(kvdesk_package_translations ALL)
foreach(target IN ITEMS kvdesk_translations kvdesk_lrelease kvgui_lrelease)
    if(TARGET ${target})
        add_dependencies(kvdesk_package_translations ${target})
    endif()
endforeach()

install(CODE "
    file(GLOB_RECURSE _kvdesk_qm_files LIST_DIRECTORIES false \"${CMAKE_BINARY_DIR}/*.qm\")
    list(FILTER _kvdesk_qm_files EXCLUDE REGEX \"/_CPack_Packages/\")
    list(FILTER _kvdesk_qm_files INCLUDE REGEX \"/kvdesk[^/]*\\\\.qm$\")
    set(_kvdesk_qm_names)
    foreach(_kvdesk_qm IN LISTS _kvdesk_qm_files)
        get_filename_component(_kvdesk_qm_name \"\${_kvdesk_qm}\" NAME)
        if(NOT _kvdesk_qm_name IN_LIST _kvdesk_qm_names)
            list(APPEND _kvdesk_qm_names \"\${_kvdesk_qm_name}\")
            file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${KVDESK_INSTALL_TRANSLATIONSDIR}\"
                TYPE FILE FILES \"\${_kvdesk_qm}\")
        endif()
    endforeach()
")
