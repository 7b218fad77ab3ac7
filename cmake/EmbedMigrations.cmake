# embed_migrations(<out.cpp> <namespace-qualified function> <dir>)
# Compiles the numbered SQL files of <dir> into a function returning
# std::vector<crm::Migration>, so the binary migrates without its source tree.
function(embed_migrations out_file function_name dir)
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/*.sql")
  list(SORT sql_files)
  # Editing a migration re-runs the configure step that embeds it.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${sql_files})
  set(entries "")
  foreach(f IN LISTS sql_files)
    get_filename_component(version "${f}" NAME_WE)
    file(READ "${f}" sql)
    string(APPEND entries "        {\"${version}\", R\"__sql__(${sql})__sql__\"},\n")
  endforeach()
  set(FUNCTION_NAME "${function_name}")
  set(ENTRIES "${entries}")
  configure_file("${PROJECT_SOURCE_DIR}/cmake/migrations.cpp.in" "${out_file}" @ONLY)
endfunction()
