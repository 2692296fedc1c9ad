def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// Without a project the named file is still checked, and located: "Confirm" is referenced on line 6.
assert log =~ /orders\.asl\.json:6:\d+: error [A-Z][A-Z0-9-]+ .*Confirm/
assert log.contains('BUILD FAILURE')
return true
