# Format readers: each library is optional; its reader is compiled in (the
# sources are always globbed into gongkai_core and guarded by
# GONGKAI_HAVE_<LIB>) only when pkg-config finds it. Definitions are PUBLIC so
# tests and fuzzers know which readers exist.

pkg_check_modules(GK_POPPLER_CPP IMPORTED_TARGET poppler-cpp)
if(GK_POPPLER_CPP_FOUND)
  target_link_libraries(gongkai_core PUBLIC PkgConfig::GK_POPPLER_CPP)
  target_compile_definitions(gongkai_core PUBLIC GONGKAI_HAVE_POPPLER=1)
  message(STATUS "Gongkai: PDF reader (poppler-cpp ${GK_POPPLER_CPP_VERSION})")
else()
  message(STATUS "Gongkai: no poppler-cpp, PDF reader disabled (apt-get install libpoppler-cpp-dev)")
endif()

pkg_check_modules(GK_GUMBO IMPORTED_TARGET gumbo)
if(GK_GUMBO_FOUND)
  target_link_libraries(gongkai_core PUBLIC PkgConfig::GK_GUMBO)
  target_compile_definitions(gongkai_core PUBLIC GONGKAI_HAVE_GUMBO=1)
  message(STATUS "Gongkai: HTML reader (gumbo ${GK_GUMBO_VERSION})")
else()
  message(STATUS "Gongkai: no gumbo, HTML reader disabled (apt-get install libgumbo-dev)")
endif()

pkg_check_modules(GK_LIBZIP IMPORTED_TARGET libzip)
pkg_check_modules(GK_PUGIXML IMPORTED_TARGET pugixml)
if(GK_LIBZIP_FOUND AND GK_PUGIXML_FOUND)
  target_link_libraries(gongkai_core PUBLIC PkgConfig::GK_LIBZIP PkgConfig::GK_PUGIXML)
  target_compile_definitions(gongkai_core PUBLIC GONGKAI_HAVE_DOCX=1)
  message(STATUS "Gongkai: DOCX reader (libzip ${GK_LIBZIP_VERSION}, pugixml ${GK_PUGIXML_VERSION})")
else()
  message(STATUS "Gongkai: no libzip/pugixml, DOCX reader disabled (apt-get install libzip-dev libpugixml-dev)")
endif()

pkg_check_modules(GK_TESSERACT IMPORTED_TARGET tesseract)
pkg_check_modules(GK_LEPT IMPORTED_TARGET lept)
if(GK_TESSERACT_FOUND AND GK_LEPT_FOUND)
  target_link_libraries(gongkai_core PUBLIC PkgConfig::GK_TESSERACT PkgConfig::GK_LEPT)
  target_compile_definitions(gongkai_core PUBLIC GONGKAI_HAVE_TESSERACT=1)
  message(STATUS "Gongkai: OCR for images and scanned PDF (tesseract ${GK_TESSERACT_VERSION})")
else()
  message(STATUS "Gongkai: no tesseract/leptonica, OCR disabled (apt-get install libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim)")
endif()
