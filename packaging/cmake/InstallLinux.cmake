# Linux and other freedesktop.org systems: the FHS layout under the install prefix (/usr in the
# .deb and .rpm, the top folder of the .tar.gz).
#
#   bin/kvdesk, bin/kvdesk-cli, bin/kvdesk-server
#   share/applications/<app id>.desktop, share/metainfo/<app id>.metainfo.xml
#   share/icons/hicolor/{scalable,NxN}/apps/<app id>.{svg,png}
#   share/man/man1/kvdesk.1.gz, kvdesk-cli.1.gz, kvdesk-server.1.gz
#   share/kvdesk/translations/kvdesk_*.qm
#   share/doc/kvdesk/{README.md,copyright,changelog.Debian.gz,examples/kvdesk-server.conf}
#   lib/systemd/system/kvdesk-server.service

# The prefix of the .deb and .rpm. The systemd unit names the server by its absolute path there.
set(KVDESK_PACKAGE_PREFIX "/usr")
set(KVDESK_UNIT_BINDIR "${KVDESK_PACKAGE_PREFIX}/${CMAKE_INSTALL_BINDIR}")
set(KVDESK_DOCDIR "${CMAKE_INSTALL_DATADIR}/doc/kvdesk")
set(KVDESK_EXAMPLES_DIR "${KVDESK_PACKAGE_PREFIX}/${KVDESK_DOCDIR}/examples")
set(gen "${CMAKE_CURRENT_BINARY_DIR}/linux")

set(programs kvdesk kvdesk-cli)
set(man_pages kvdesk kvdesk-cli)
if(KVDESK_HAS_SERVER)
    list(APPEND programs kvdesk-server)
    list(APPEND man_pages kvdesk-server)
endif()
# The programs link the system's Qt: no RUNPATH (qt_standard_project_setup() would add $ORIGIN
# ones, which Debian policy forbids in packaged binaries), and full RELRO as Debian's hardening
# asks.
set_target_properties(${programs} PROPERTIES INSTALL_RPATH "")
foreach(program IN LISTS programs)
    target_link_options(${program} PRIVATE "LINKER:-z,relro,-z,now")
endforeach()
install(TARGETS ${programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Desktop entry and AppStream metadata.
set(KVDESK_METAINFO_PROVIDES "")
foreach(program IN LISTS programs)
    string(APPEND KVDESK_METAINFO_PROVIDES "    <binary>${program}</binary>\n")
endforeach()
set(KVDESK_METAINFO_SERVER_SENTENCE "")
set(KVDESK_METAINFO_SERVER_RELEASE "")
if(KVDESK_HAS_SERVER)
    set(KVDESK_METAINFO_SERVER_SENTENCE
        ", and kvdesk-server, which serves a catalog to a team over HTTP with a Kestra-compatible API")
    set(KVDESK_METAINFO_SERVER_RELEASE ", and kvdesk-server for shared catalogs")
endif()
set(KVDESK_METAINFO_PROJECT_LICENSE "")
if(NOT KVDESK_LICENSE STREQUAL "NOASSERTION")
    set(KVDESK_METAINFO_PROJECT_LICENSE "  <project_license>${KVDESK_LICENSE}</project_license>\n")
endif()
configure_file(linux/kvdesk.desktop.in "${gen}/${KVDESK_APP_ID}.desktop" @ONLY)
configure_file(linux/metainfo.xml.in "${gen}/${KVDESK_APP_ID}.metainfo.xml" @ONLY)
install(FILES "${gen}/${KVDESK_APP_ID}.desktop" DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES "${gen}/${KVDESK_APP_ID}.metainfo.xml" DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# Icons: the SVG itself, and the PNGs rendered from it by kvdesk_icons.
set(hicolor "${CMAKE_INSTALL_DATADIR}/icons/hicolor")
install(FILES "${KVDESK_ICON_SVG}" DESTINATION "${hicolor}/scalable/apps"
    RENAME "${KVDESK_APP_ID}.svg")
foreach(size IN LISTS KVDESK_HICOLOR_SIZES)
    install(FILES "${KVDESK_ICON_DIR}/hicolor/${size}x${size}/apps/${KVDESK_APP_ID}.png"
        DESTINATION "${hicolor}/${size}x${size}/apps")
endforeach()

# Documentation: man pages, README, the Debian copyright file and changelog. Man pages and the
# changelog are compressed (gzip -n: no time stamp, so builds are reproducible).
string(TIMESTAMP kvdesk_year "%Y")
if(KVDESK_LICENSE STREQUAL "NOASSERTION")
    set(KVDESK_COPYRIGHT_LICENSE
        "NOASSERTION\n The project has not chosen a licence yet; see ${PROJECT_HOMEPAGE_URL}.")
elseif(EXISTS "${KVDESK_LICENSE_FILE}")
    set(KVDESK_COPYRIGHT_LICENSE
        "${KVDESK_LICENSE}\n See ${KVDESK_PACKAGE_PREFIX}/${KVDESK_DOCDIR}/LICENSE.")
else()
    set(KVDESK_COPYRIGHT_LICENSE "${KVDESK_LICENSE}")
endif()
# RFC 2822 date of the release for the changelog.
string(REPLACE "-" ";" date_parts "${KVDESK_RELEASE_DATE}")
list(GET date_parts 0 release_year)
list(GET date_parts 1 release_month)
list(GET date_parts 2 release_day)
set(months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
math(EXPR month_index "${release_month} - 1")
list(GET months ${month_index} month_name)
# Day of the week by Zeller's congruence (0 = Saturday).
math(EXPR zm "${release_month}")
math(EXPR zy "${release_year}")
if(zm LESS 3)
    math(EXPR zm "${zm} + 12")
    math(EXPR zy "${zy} - 1")
endif()
math(EXPR weekday_index
    "(${release_day} + (13 * (${zm} + 1)) / 5 + ${zy} % 100 + (${zy} % 100) / 4 + (${zy} / 100) / 4 + 5 * (${zy} / 100)) % 7")
set(weekdays Sat Sun Mon Tue Wed Thu Fri)
list(GET weekdays ${weekday_index} weekday)
set(KVDESK_RELEASE_DATE_RFC2822
    "${weekday}, ${release_day} ${month_name} ${release_year} 12:00:00 +0000")
configure_file(linux/copyright.in "${gen}/copyright" @ONLY)
configure_file(linux/changelog.in "${gen}/changelog.Debian" @ONLY)

find_program(KVDESK_GZIP gzip)
set(docs_to_compress "${gen}/changelog.Debian")
foreach(page IN LISTS man_pages)
    configure_file(man/${page}.1.in "${gen}/man/${page}.1" @ONLY)
    list(APPEND docs_to_compress "${gen}/man/${page}.1")
endforeach()
set(doc_outputs)
foreach(doc IN LISTS docs_to_compress)
    if(KVDESK_GZIP)
        get_filename_component(doc_dir "${doc}" DIRECTORY)
        get_filename_component(doc_name "${doc}" NAME)
        add_custom_command(OUTPUT "${doc}.gz"
            COMMAND "${KVDESK_GZIP}" -9 -n -k -f "${doc_name}"
            WORKING_DIRECTORY "${doc_dir}"
            DEPENDS "${doc}"
            VERBATIM)
        list(APPEND doc_outputs "${doc}.gz")
    else()
        list(APPEND doc_outputs "${doc}")
    endif()
endforeach()
add_custom_target(kvdesk_compressed_docs ALL DEPENDS ${doc_outputs})
foreach(doc IN LISTS doc_outputs)
    if(doc MATCHES "/man/")
        install(FILES "${doc}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
    else()
        install(FILES "${doc}" DESTINATION "${KVDESK_DOCDIR}")
    endif()
endforeach()
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${gen}/copyright" DESTINATION "${KVDESK_DOCDIR}")
if(EXISTS "${KVDESK_LICENSE_FILE}")
    install(FILES "${KVDESK_LICENSE_FILE}" DESTINATION "${KVDESK_DOCDIR}")
endif()

# The server as a system service (not enabled by the packages) with an example configuration.
if(KVDESK_HAS_SERVER)
    configure_file(linux/kvdesk-server.service.in "${gen}/kvdesk-server.service" @ONLY)
    install(FILES "${gen}/kvdesk-server.service" DESTINATION lib/systemd/system)
    install(FILES linux/kvdesk-server.conf DESTINATION "${KVDESK_DOCDIR}/examples")
endif()
