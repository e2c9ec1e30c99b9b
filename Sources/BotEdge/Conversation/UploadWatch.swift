/// An upload whose progress message is still to be kept up to date.
public struct UploadWatch: Sendable {
    var task: IngestionTask
    var name: String
    var chatID: Int64
    var messageID: Int64
    var caller: GatewayClient.Caller
    var catalog: MessageCatalog
    /// The text the message shows now.
    var shown: String
}
