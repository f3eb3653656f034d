// The runtime a Session runs its jobs on: it executes the tasks of a stage. The local runtime
// (runtime/local/) runs them on a pool of threads in this process.
#pragma once

#include "exec/job.h"

namespace ember {

class Runtime : public TaskExecutor {
 public:
  ~Runtime() override = default;
};

}  // namespace ember
