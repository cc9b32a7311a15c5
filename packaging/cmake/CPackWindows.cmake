# The NSIS installer: Program Files\KV Desk, a Start-menu entry for the application (and one for
# the uninstaller), an entry in "Apps & features", and an uninstaller that removes what it
# installed. Installing over an older version uninstalls that one first.
set(CPACK_NSIS_PACKAGE_NAME "${KVDESK_DISPLAY_NAME}")
set(CPACK_NSIS_DISPLAY_NAME "${KVDESK_DISPLAY_NAME}")
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
# One registry key for every version, so that an upgrade finds (and removes) the older one.
set(CPACK_PACKAGE_INSTALL_REGISTRY_KEY "${KVDESK_DISPLAY_NAME}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_UNINSTALL_NAME "Uninstall")
set(CPACK_NSIS_MUI_ICON "${KVDESK_ICON_DIR}/${KVDESK_APP_ID}.ico")
set(CPACK_NSIS_MUI_UNIICON "${KVDESK_ICON_DIR}/${KVDESK_APP_ID}.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\kvdesk.exe")
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
# Start menu: "KV Desk" starts bin\kvdesk.exe.
set(CPACK_PACKAGE_EXECUTABLES "kvdesk;${KVDESK_DISPLAY_NAME}")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "kvdesk.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_HELP_LINK "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${KVDESK_MAINTAINER}")
set(CPACK_NSIS_BRANDING_TEXT "${KVDESK_DISPLAY_NAME} ${PROJECT_VERSION}")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# The installer leaves PATH alone (NSIS string limits can truncate a long PATH); kvdesk-cli is
# bin\kvdesk-cli.exe under the installation folder.
set(CPACK_NSIS_MODIFY_PATH OFF)
