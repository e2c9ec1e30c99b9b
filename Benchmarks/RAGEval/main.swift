// rag-eval: BM25 retrieval quality and speed of RAGCore's SearchIndex on a BEIR dataset.
import ArgumentParser

EvaluationCommand.main()
