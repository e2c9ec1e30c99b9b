import Mesh

await MeshCommand.runFromCommandLine()
