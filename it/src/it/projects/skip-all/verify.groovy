def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// The definition is invalid and there is no input, yet every goal says it is skipped and the build passes.
['validate', 'run', 'test', 'policy', 'synth', 'seed', 'plan', 'deploy', 'destroy', 'start', 'stop'].each { goal -> assert log.contains("apitpl:${goal} skipped") : "apitpl:${goal} did not say it was skipped" }
assert !(log =~ /: error [A-Z][A-Z0-9-]+ /)
assert log.contains('BUILD SUCCESS')
return true
