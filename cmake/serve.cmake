# gongkai serve (src/serve/): cpp-httplib (Debian libcpp-httplib-dev) and the web UI in web/, embedded into the binary at build
# time so the pages work offline with nothing but the executable.
# Debian builds it as a shared library (libcpp-httplib.so): link it through pkg-config.
# tests/ and bench/ link PkgConfig::GK_HTTPLIB too (API tests, load benchmark).
pkg_check_modules(GK_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
target_link_libraries(gongkai PRIVATE PkgConfig::GK_HTTPLIB)
file(GLOB GONGKAI_SERVE_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/serve/*.cpp)
target_sources(gongkai PRIVATE ${GONGKAI_SERVE_SOURCES})

file(GLOB GK_WEB_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/web/*.html
     ${CMAKE_CURRENT_SOURCE_DIR}/web/*.js ${CMAKE_CURRENT_SOURCE_DIR}/web/*.css
     ${CMAKE_CURRENT_SOURCE_DIR}/web/*.svg)
set(GK_WEB_CPP ${CMAKE_CURRENT_BINARY_DIR}/generated/web_assets.cpp)
add_custom_command(
  OUTPUT ${GK_WEB_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${GK_WEB_CPP} -DWEB_DIR=${CMAKE_CURRENT_SOURCE_DIR}/web
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_web.cmake
  DEPENDS ${GK_WEB_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/embed_web.cmake
  COMMENT "Embedding web/ into the gongkai binary")
target_sources(gongkai PRIVATE ${GK_WEB_CPP})

# End-to-end test of the web UI in headless Chromium (scripts/e2e.sh); skipped
# (exit 77) when chromium or node/npm are missing. Screenshots: <build>/e2e/*.png.
if(GONGKAI_BUILD_TESTS)
  enable_testing()
  add_test(NAME serve_e2e
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/scripts/e2e.sh $<TARGET_FILE:gongkai> ${CMAKE_CURRENT_BINARY_DIR}/e2e)
  set_tests_properties(serve_e2e PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 RUN_SERIAL TRUE
                       ENVIRONMENT "LC_ALL=C.UTF-8")
endif()

# End-to-end test of the 地区 pages (issue 14; scripts/region_e2e.sh): the
# generated county from bench/region_bench --county, 1366×768 screenshots in <build>/e2e-region/.
if(GONGKAI_BUILD_TESTS AND GONGKAI_BUILD_BENCH)
  add_test(NAME region_e2e
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/scripts/region_e2e.sh $<TARGET_FILE:gongkai> $<TARGET_FILE:region_bench>
                   ${CMAKE_CURRENT_BINARY_DIR}/e2e-region)
  set_tests_properties(region_e2e PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600 RUN_SERIAL TRUE ENVIRONMENT "LC_ALL=C.UTF-8")
endif()
