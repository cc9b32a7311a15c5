# CPack: the packages `cpack` makes on each system, written to <build>/packages.
#   Linux    .deb, .rpm (when rpmbuild is installed) and .tar.gz
#   Windows  NSIS installer (.exe) and .zip
#   macOS    DragNDrop disk image (.dmg)
set(CPACK_PACKAGE_NAME "kvdesk")
set(CPACK_PACKAGE_VENDOR "KV Desk")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${KVDESK_SUMMARY}")
# The long description, in lines short enough for package managers (Debian: under 80 columns).
set(CPACK_PACKAGE_DESCRIPTION "\
KV Desk is a desktop tool for operators who keep small state (timestamps,
file addresses, flags, JSON documents) in key-value catalogs scoped by
namespace, with a time-to-live on each pair. It shows that state, edits it,
exports it to CSV and purges expired pairs.

This package contains the desktop application (kvdesk) and the
command-line tool for scripts (kvdesk-cli)")
if(KVDESK_HAS_SERVER)
    string(APPEND CPACK_PACKAGE_DESCRIPTION
        ",\nand the catalog server with a Kestra-compatible HTTP API (kvdesk-server).")
else()
    string(APPEND CPACK_PACKAGE_DESCRIPTION ".")
endif()
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "${KVDESK_MAINTAINER}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "${KVDESK_DISPLAY_NAME}")
set(CPACK_PACKAGE_DIRECTORY "${CMAKE_BINARY_DIR}/packages")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_THREADS 0)
if(EXISTS "${KVDESK_LICENSE_FILE}")
    set(CPACK_RESOURCE_FILE_LICENSE "${KVDESK_LICENSE_FILE}")
else()
    # No licence chosen yet: no licence page rather than CMake's placeholder text.
    set(CPACK_NSIS_IGNORE_LICENSE_PAGE ON)
endif()

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(AMD64|amd64|x86_64)$")
    set(kvdesk_arch "x86_64")
else()
    string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" kvdesk_arch)
endif()

if(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_PACKAGE_FILE_NAME "kvdesk-${PROJECT_VERSION}-windows-${kvdesk_arch}")
    include(cmake/CPackWindows.cmake)
elseif(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_PACKAGE_FILE_NAME "kvdesk-${PROJECT_VERSION}-macos")
    set(CPACK_DMG_VOLUME_NAME "${KVDESK_DISPLAY_NAME} ${PROJECT_VERSION}")
    set(CPACK_DMG_FORMAT "UDZO")
    set(CPACK_DMG_FILESYSTEM "APFS")
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    find_program(KVDESK_RPMBUILD rpmbuild)
    if(KVDESK_RPMBUILD)
        list(INSERT CPACK_GENERATOR 1 RPM)
    endif()
    set(CPACK_PACKAGE_FILE_NAME "kvdesk-${PROJECT_VERSION}-linux-${kvdesk_arch}")
    # Packages carry no debug information (the build tree keeps it).
    set(CPACK_STRIP_FILES ON)
    include(cmake/CPackLinux.cmake)
endif()

set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_PACKAGE_FILE_NAME "kvdesk-${PROJECT_VERSION}-source")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/;/build/;/build-[^/]*/;/out/;\\\\.swp$")

include(CPack)
