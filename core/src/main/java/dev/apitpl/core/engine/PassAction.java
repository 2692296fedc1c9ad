package dev.apitpl.core.engine;

/** The Pass state: its Result (or Parameters, or JSONata Output) passed on. */
final class PassAction {

    private PassAction() {}

    static Step run(StateRun run) {
        return run.flow.finish(run, run.flow.passResult(run), run.state.next());
    }
}
