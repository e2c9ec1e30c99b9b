import Crypto
import Foundation

/// The bot's request signature: hex HMAC-SHA256 with `BOT_API_SECRET` over
/// `v1\nMETHOD\nPATH?QUERY\nTIMESTAMP\nTELEGRAM_ID\nNONCE\nhex(sha256(body))`.
///
/// The nonce is inside the signed text: were it not, a captured request could be replayed
/// under a fresh nonce.
public enum BotRequestSignature {
    /// How far the bot's clock may be from ours, either way.
    public static let allowedSkew: Int64 = 300

    public static func canonicalText(method: String, pathAndQuery: String, timestamp: Int64, telegramID: Int64, nonce: String, body: some Sequence<UInt8>) -> String {
        canonicalText(
            method: method, pathAndQuery: pathAndQuery, timestamp: timestamp, telegramID: telegramID, nonce: nonce,
            bodySHA256: SHA256.hash(data: Array(body)).hexString)
    }

    /// The same text from the body's SHA-256 (lowercase hex), for a body hashed as it streamed.
    public static func canonicalText(method: String, pathAndQuery: String, timestamp: Int64, telegramID: Int64, nonce: String, bodySHA256: String) -> String {
        "v1\n\(method)\n\(pathAndQuery)\n\(timestamp)\n\(telegramID)\n\(nonce)\n\(bodySHA256)"
    }

    /// The signature a bot sends for `canonicalText`.
    public static func sign(_ canonicalText: String, secret: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(canonicalText.utf8), using: SymmetricKey(data: Data(secret.utf8)))).hexString
    }

    /// Whether `signature` (hex) is the right one, compared in constant time.
    public static func isValid(_ signature: String, for canonicalText: String, secret: String) -> Bool {
        guard let bytes = Data(hexString: signature), bytes.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Data(canonicalText.utf8), using: SymmetricKey(data: Data(secret.utf8)))
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex, two digits a byte.
    public var hexString: String {
        var text = ""
        for byte in self {
            text += String(byte >> 4, radix: 16) + String(byte & 0x0f, radix: 16)
        }
        return text
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hex; nil for anything else.
    public init?(hexString: String) {
        let digits = Array(hexString.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
