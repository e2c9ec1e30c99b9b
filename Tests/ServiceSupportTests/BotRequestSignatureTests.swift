import Foundation
import Testing
import ServiceSupport

@Suite struct BotRequestSignatureTests {
    @Test("the canonical text and its signature, against a vector computed independently")
    func knownVector() {
        let text = BotRequestSignature.canonicalText(
            method: "POST", pathAndQuery: "/api/v1/rag/query?x=1", timestamp: 1_764_000_000, telegramID: 42, nonce: "n-1", body: Array(#"{"q":"hi"}"#.utf8))
        #expect(text == "v1\nPOST\n/api/v1/rag/query?x=1\n1764000000\n42\nn-1\nfca03ff443ac59e006e72573c15a72b8eed50b10ba49bd6ed62938a2cf8967a0")
        // Python's hmac.new(b"secret", text.encode(), hashlib.sha256).hexdigest()
        let signature = BotRequestSignature.sign(text, secret: "secret")
        #expect(signature == "37cc93a93d609d69c1c7535d96eaa0c6a63486c504c07bdb06e33790132b1175")
        #expect(BotRequestSignature.isValid(signature, for: text, secret: "secret"))
        #expect(!BotRequestSignature.isValid(signature, for: text + " ", secret: "secret"))
        #expect(!BotRequestSignature.isValid(signature.uppercased().replacingOccurrences(of: "A", with: "B"), for: text, secret: "secret"))
        #expect(!BotRequestSignature.isValid("not hex", for: text, secret: "secret"))
    }
}
