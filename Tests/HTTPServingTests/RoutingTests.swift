import HTTPTypes
import Logging
import NIOCore
import Testing

@testable import HTTPServing

@Suite struct RoutingTests {
    @Test("patterns match literal segments, {name} parameters (percent-decoded), * and **")
    func patterns() {
        let user = RoutePattern("/api/v1/users/{telegram_id}/audit")
        #expect(user.match("/api/v1/users/42/audit")?.get("telegram_id") == "42")
        #expect(user.match("/api/v1/users/42") == nil)
        #expect(user.match("/api/v1/users/42/audit/more") == nil)
        #expect(user.match("/api/v1/people/42/audit") == nil)
        #expect(RoutePattern("/files/{name}").match("/files/a%20b.txt")?.get("name") == "a b.txt")
        #expect(RoutePattern("/a/*/c").match("/a/anything/c") != nil)
        #expect(RoutePattern("**").match("/docs/deep/page.html") != nil)
        #expect(RoutePattern("/static/**").match("/static") != nil)
        #expect(RoutePattern("/").match("/") != nil)
        #expect(RoutePattern("/").match("/x") == nil)
    }

    @Test("the query is read as percent-decoded pairs, + as a space, repeats kept in order")
    func query() {
        let uri = RequestURI("/search?q=%D1%81%D0%B5%D1%80%D0%B2%D0%B5%D1%80+port&kb=1&kb=2&flag&empty=")
        #expect(uri.path == "/search")
        #expect(uri.queryParameters.get("q") == "сервер port")
        #expect(uri.queryParameters.getAll("kb") == ["1", "2"])
        #expect(uri.queryParameters.get("flag") == "")
        #expect(uri.queryParameters.get("empty") == "")
        #expect(uri.queryParameters.get("missing") == nil)
        #expect(RequestURI("/plain").query.isEmpty)
        #expect(RequestURI("/bad?x=%ZZ").queryParameters.get("x") == "%ZZ")
    }

    struct Tagging: RouterMiddleware {
        typealias Context = BasicRequestContext
        let tag: String

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            var response = try await next(request, context)
            response.headers[HTTPField.Name("X-Trail")!] = (response.headers[HTTPField.Name("X-Trail")!] ?? "") + tag
            return response
        }
    }

    static func request(_ method: HTTPRequest.Method, _ target: String) -> Request {
        Request(method: method, uri: RequestURI(target), headers: [:], body: RequestBody(buffer: ByteBuffer()))
    }

    static var context: BasicRequestContext {
        BasicRequestContext(source: RequestContextSource(logger: .init(label: "test"), remoteAddress: nil))
    }

    @Test("middleware runs outermost first around every route, and around an unknown route's 404")
    func middlewareOrder() async throws {
        let router = Router()
        router.add(middleware: Tagging(tag: "a"))
        router.get("/users/{id}") { _, context in
            Response(status: .ok, body: ByteBuffer(string: "\(context.parameters.get("id") ?? "") \(context.endpointPath ?? "")"))
        }
        router.add(middleware: Tagging(tag: "b"))
        let responder = router.responder
        let response = try await responder.respond(to: Self.request(.get, "/users/7?x=1"), context: Self.context)
        #expect(String(buffer: response.body) == "7 /users/{id}")
        #expect(response.headers[HTTPField.Name("X-Trail")!] == "ba")
        await #expect(throws: HTTPError.self) {
            _ = try await responder.respond(to: Self.request(.post, "/users/7"), context: Self.context)
        }
    }
}
