import BenchSupport
import Hummingbird
import Logging
import NIOCore

// A minimal Hummingbird 2 app: the two routes, no middleware, default configuration (NIO event loops, one
// per core; TCP_NODELAY is on by default in Hummingbird's server bootstrap). Usage: bench-hummingbird --port P.
let args = ServerArguments(CommandLine.arguments)
let engine = try EngineEndpoint()
let router = Router()
let jsonType = "application/json"

router.get("/health") { _, _ in
    Response(status: .ok, headers: [.contentType: jsonType],
             body: .init(byteBuffer: ByteBuffer(bytes: EngineEndpoint.healthBody)))
}

router.post("/v1/analyze") { request, _ -> Response in
    let buffer = try await request.body.collect(upTo: 1 << 20)
    let reply = engine.analyze(body: Array(buffer.readableBytesView))
    return Response(status: .init(code: reply.status), headers: [.contentType: jsonType],
                    body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
}

var logger = Logger(label: "bench-hummingbird")
logger.logLevel = .warning
let app = Application(router: router,
                      configuration: .init(address: .hostname(args.host, port: args.port), serverName: "bench-hummingbird"),
                      logger: logger)
print("bench-hummingbird listening on \(args.host):\(args.port)")
try await app.runService()
