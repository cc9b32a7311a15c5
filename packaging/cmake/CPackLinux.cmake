# .deb and .rpm settings. Both install under /usr, their generators' default prefix (the
# systemd unit names the server there: KVDESK_PACKAGE_PREFIX); the .tar.gz has no prefix.
set(kvdesk_scripts "${CMAKE_CURRENT_BINARY_DIR}/package-scripts")
set(kvdesk_script_permissions FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# --- Debian (dpkg-shlibdeps for linked libraries; plugins Qt loads at run time by hand) ---
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${KVDESK_PACKAGE_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KVDESK_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
# dpkg-shlibdeps sees the libraries the programs link (Qt Core, Gui, Widgets, Sql, Network,
# Svg, QtKeychain once linked). Qt loads these at run time, unseen by it:
#   libqt6sql6-sqlite  the QSQLITE driver of every local catalog
#   libqt6svg6         the SVG icon engine and image plugin (the icons are SVG)
#   libqt6gui6         the xcb, offscreen and other platform plugins
#   libqt6keychain1    QtKeychain, named even before the GUI links it (its own Recommends bring
#                      a Secret Service: gnome-keyring or KWallet)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libqt6sql6-sqlite (>= 6.4), libqt6svg6 (>= 6.4), libqt6gui6 (>= 6.4), libqt6keychain1")
# Wayland sessions; Qt's own translations of standard dialogs and messages.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")

# --- RPM (Fedora names; rpmbuild finds the linked libraries itself) ---
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_RELEASE "${KVDESK_PACKAGE_RELEASE}")
set(CPACK_RPM_PACKAGE_LICENSE "${KVDESK_LICENSE}")
set(CPACK_RPM_PACKAGE_GROUP "Unspecified")
set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_RPM_COMPRESSION_TYPE "xz")
# qt6-qtbase holds the QSQLITE driver, qt6-qtbase-gui the platform plugins, qt6-qtsvg the SVG
# plugins.
set(CPACK_RPM_PACKAGE_REQUIRES
    "qt6-qtbase >= 6.4, qt6-qtbase-gui >= 6.4, qt6-qtsvg >= 6.4, qtkeychain-qt6")
# Directories other packages own: the package lists only its own files and folders.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/share/applications /usr/share/metainfo /usr/share/man /usr/share/man/man1
    /usr/share/icons /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps /usr/lib/systemd /usr/lib/systemd/system)
foreach(size IN LISTS KVDESK_HICOLOR_SIZES)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()

# --- Maintainer scripts: systemd learns about the unit (not enabled), stops it on removal ---
if(KVDESK_HAS_SERVER)
    foreach(script IN ITEMS postinst prerm postrm)
        configure_file(linux/deb-${script} "${kvdesk_scripts}/deb/${script}" COPYONLY
            ${kvdesk_script_permissions})
        list(APPEND CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${kvdesk_scripts}/deb/${script}")
    endforeach()
    set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE "${CMAKE_CURRENT_SOURCE_DIR}/linux/rpm-post")
    set(CPACK_RPM_PRE_UNINSTALL_SCRIPT_FILE "${CMAKE_CURRENT_SOURCE_DIR}/linux/rpm-preun")
    set(CPACK_RPM_POST_UNINSTALL_SCRIPT_FILE "${CMAKE_CURRENT_SOURCE_DIR}/linux/rpm-postun")
endif()
