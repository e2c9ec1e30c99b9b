#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `posix_spawn` with the setup a supervised service needs.
enum Spawn {
    /// A failed `posix_spawn` step.
    struct Failure: Error {
        var errno: Int32
    }

    #if canImport(Glibc)
        private typealias FileActions = posix_spawn_file_actions_t
        private typealias Attributes = posix_spawnattr_t
    #else
        private typealias FileActions = posix_spawn_file_actions_t?
        private typealias Attributes = posix_spawnattr_t?
    #endif

    /// Starts `executable` (`arguments[0]` is its name) with stdin from /dev/null, stdout and
    /// stderr on `output`, no other open descriptor, default signal dispositions, an empty
    /// signal mask, in a new process group. Returns its pid.
    static func run(executable: String, arguments: [String], environment: [String], output: Int32) throws(Failure) -> pid_t {
        #if canImport(Glibc)
            var actions = FileActions()
            var attributes = Attributes()
        #else
            var actions: FileActions = nil
            var attributes: Attributes = nil
        #endif
        try check(posix_spawn_file_actions_init(&actions))
        defer { posix_spawn_file_actions_destroy(&actions) }
        try check(posix_spawnattr_init(&attributes))
        defer { posix_spawnattr_destroy(&attributes) }

        try check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0))
        try check(posix_spawn_file_actions_adddup2(&actions, output, 1))
        try check(posix_spawn_file_actions_adddup2(&actions, output, 2))

        var flags = Int32(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        #if canImport(Glibc)
            // Whatever the mesh has open (sockets, other pipes) stays out of the child.
            guard let closeFrom = addCloseFrom else { throw Failure(errno: ENOSYS) }
            try check(closeFrom(&actions, 3))
        #else
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        try check(posix_spawnattr_setflags(&attributes, Int16(flags)))
        try check(posix_spawnattr_setpgroup(&attributes, 0))
        var defaults = sigset_t()
        sigfillset(&defaults)
        try check(posix_spawnattr_setsigdefault(&attributes, &defaults))
        var mask = sigset_t()
        sigemptyset(&mask)
        try check(posix_spawnattr_setsigmask(&attributes, &mask))

        var argv = arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        try check(posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp))
        return pid
    }

    private static func check(_ result: Int32) throws(Failure) {
        guard result == 0 else { throw Failure(errno: result) }
    }

    #if canImport(Glibc)
        private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

        /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+), which Swift's Glibc module
        /// does not declare (it needs `_GNU_SOURCE`); looked up once at run time.
        private static let addCloseFrom: AddCloseFrom? = {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
                return nil
            }
            return unsafeBitCast(symbol, to: AddCloseFrom.self)
        }()
    #endif
}
