// The Python face of the session's statements and catalog: spark.sql for statements,
// saveAsTable/insertInto, and what spark.catalog lists (databases, tables, existence checks).
#pragma once

#include <pybind11/pybind11.h>

#include "runtime/session.h"

namespace ember::python {

void AddCatalogMethods(pybind11::class_<Session>& session);

}  // namespace ember::python
