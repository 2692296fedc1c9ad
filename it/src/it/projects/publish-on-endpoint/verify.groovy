def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

def inOrder = { List<String> lines ->
    int at = -1
    lines.each { line ->
        int found = log.indexOf(line, at + 1)
        assert found > at : "'${line}' missing or out of order in the build log"
        at = found
    }
}
inOrder([
        'apitpl local AWS endpoint on http://127.0.0.1:',
        // seed: the table created, the template written
        'seed it-templates: 1 created, 0 updated, 0 unchanged, 0 conflicts, 0 deleted',
        // deploy: roles, the template already there, function and state machine published
        'role it-api-call-ApiCallFunctionRole created',
        'seed it-templates: 0 created, 0 updated, 1 unchanged, 0 conflicts, 0 deleted',
        'deploy: ',
        // plan after deploy: nothing to do
        'templates in it-templates: 0 to create, 0 to update, 1 unchanged, 0 in conflict, 0 to delete',
        'plan: unchanged, deploy would write nothing',
        // deploy again: no write
        'deploy: unchanged (no write made)',
        // destroy: both gone, the table kept
        'destroy: ',
        'apitpl local AWS endpoint stopped',
        'BUILD SUCCESS'])
assert new File(basedir, 'target/apitpl/deploy-report.json').text.contains('"unchanged"')
return true
