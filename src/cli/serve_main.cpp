// ember-serve: answers JSON over HTTP with a saved PipelineModel through the serving runtime
// (runtime/serving), no Python and no query engine in the request path. `bin/ember serve` runs it.
//
//   ember-serve MODEL_DIR [--port N] [--host ADDRESS] [--threads N]
//
// POST /transform with one row (a JSON object) or an array of rows answers the columns the
// pipeline adds (serving_json.h); 400 for a malformed body, a missing field or a wrong type, 422
// for a value a stage rejects (handleInvalid = 'error'), both {"error": ..., "field": ...}.
// GET /schema describes the inputs and outputs; GET /health answers {"status":"ok"}. Binds
// 127.0.0.1 unless --host says otherwise; --port 0 picks a free port. Prints
// "listening on http://HOST:PORT" once it accepts requests.
#include <httplib.h>

#include <cstdlib>
#include <iostream>
#include <limits>
#include <string>

#include "common/error.h"
#include "runtime/serving/serving_json.h"
#include "runtime/serving/serving_model.h"

namespace {

constexpr const char* kUsage = "usage: ember serve MODEL_DIR [--port N] [--host ADDRESS] [--threads N]\n";
constexpr const char* kJson = "application/json";

int Fail(const std::string& message) {
  std::cerr << "ember serve: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_dir, host = "127.0.0.1";
  int port = 8080;
  int threads = 4;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    try {
      if (arg == "--port") {
        port = std::stoi(value());
      } else if (arg == "--host") {
        host = value();
      } else if (arg == "--threads") {
        threads = std::max(1, std::stoi(value()));
      } else if (arg == "-h" || arg == "--help") {
        std::cout << kUsage;
        return 0;
      } else if (model_dir.empty() && arg.rfind("--", 0) != 0) {
        model_dir = arg;
      } else {
        return Fail("unexpected argument " + arg);
      }
    } catch (const std::exception& error) {
      return Fail(error.what());
    }
  }
  if (model_dir.empty()) return Fail("MODEL_DIR is required");

  std::shared_ptr<const ember::serving::ServingModel> model;
  try {
    model = ember::serving::ServingModel::Load(model_dir);
  } catch (const std::exception& error) {
    std::cerr << "ember serve: cannot load " << model_dir << ": " << error.what() << "\n";
    return 1;
  }

  httplib::Server server;
  server.set_tcp_nodelay(true);  // a response is written in parts: no Nagle delay between them
  // httplib closes a keep-alive connection after 5 requests by default: the client's every fifth
  // request then waited for a new connection (connect, accept, a pool thread), the tail latency
  server.set_keep_alive_max_count(std::numeric_limits<size_t>::max());
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server.Post("/transform", [&](const httplib::Request& request, httplib::Response& response) {
    try {
      response.set_content(ember::serving::ScoreJson(*model, request.body), kJson);
    } catch (const ember::serving::ServingError& error) {
      response.status = error.status();
      response.set_content(ember::serving::ErrorJson(error.what(), error.field()), kJson);
    } catch (const std::exception& error) {
      response.status = 500;
      response.set_content(ember::serving::ErrorJson(error.what(), ""), kJson);
    }
  });
  server.Get("/schema", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(ember::serving::DescribeJson(*model), kJson);
  });
  server.Get("/health", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("{\"status\":\"ok\"}", kJson);
  });

  int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    std::cerr << "ember serve: cannot listen on " << host << ":" << port << "\n";
    return 1;
  }
  std::cout << "listening on http://" << host << ":" << bound << std::endl;
  return server.listen_after_bind() ? 0 : 1;
}
