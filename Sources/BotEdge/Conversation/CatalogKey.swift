/// Every piece of text a person can see from the bot. Each key has a text in every
/// `MessageCatalog`; a test checks that no language lacks one and that placeholders agree.
public enum CatalogKey: String, Sendable, CaseIterable {
    case welcome, welcomeBack, pendingNotice, pendingStill, blockedNotice, unknownUser, approvedNotice, blockedByAdmin
    case adminNewUser, adminApprove, adminBlock, adminApproved, adminBlocked
    case help, helpEditor
    case kbChoose, kbAll, kbChosen, kbChosenAll, kbNone, kbNeeded
    case askEmpty, noAnswer, sourcesHeading, feedbackThanks, feedbackHelpful, feedbackUnhelpful
    case aiEmpty, aiUnavailable
    case sourcesNone, sourcesList
    case statusUsage, jobsNone, jobsHeading, taskLine, taskNotFound
    case langChanged, resetDone
    case usersHeading, usersNone, usersNext, userLine, roleEditor, roleAdmin, roleMember
    case approveUsage, blockUsage, roleUsage, userChanged, lastAdmin
    case newkbUsage, newkbCreated, newkbTaken
    case logsNone, logsHeading
    case statsText, healthOK, healthDegraded
    case notAllowed, rateLimited, serviceUnavailable, noSuchKnowledgeBase, genericError, unknownCommand
    case fileTooBig, fileNotEditor, fileDownloadFailed, uploadStarted, uploadProgress, uploadDone, uploadFailed, uploadFailureLine,
        uploadsUnavailable
    case stageFetching, stageExtracting, stageChunking, stageIndexing, stageQueued
    case commandStart, commandHelp, commandKB, commandAsk, commandAI, commandSources, commandStatus, commandJobs, commandLang, commandReset
}
