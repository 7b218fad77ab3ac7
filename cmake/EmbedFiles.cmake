# embed_files(<out.cpp> <namespace-qualified function> <file>...)
# Compiles the files (any bytes: JSON, PNG) into a function returning
# const std::vector<bot::package::EmbeddedFile>&, in the order given, each named by
# its file name, so that the binary works without its source tree.
function(embed_files out_file function_name)
  # Editing an embedded file re-runs the configure step that embeds it.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARGN})
  set(arrays "")
  set(entries "")
  set(index 0)
  foreach(f IN LISTS ARGN)
    get_filename_component(name "${f}" NAME)
    file(READ "${f}" hex HEX)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
    # A trailing 0 keeps empty files legal C++; it is not part of the data.
    string(APPEND arrays "const unsigned char kFile${index}[] = {${bytes}0x00};\n")
    string(APPEND entries "        {\"${name}\", {reinterpret_cast<const char*>(kFile${index}), sizeof kFile${index} - 1}},\n")
    math(EXPR index "${index} + 1")
  endforeach()
  set(FUNCTION_NAME "${function_name}")
  set(ARRAYS "${arrays}")
  set(ENTRIES "${entries}")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/embedded_files.cpp.in" "${out_file}" @ONLY)
endfunction()
