"""Each use case's repository, as a small Protocol: exactly the storage/repository/ functions
it calls, with their keyword-only signatures. `UseCaseRepository` (common.py) is what the
shared checks on `UseCase` call; every other Protocol extends it. The one `Repository` object
(`storage.repository.REPOSITORY`) satisfies them all structurally, which mypy checks where
each use case takes it as its default; a unit test's fake declares the Protocols it implements,
so mypy checks its signatures too."""
