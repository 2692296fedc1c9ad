def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// The missing state is reported where the reference to it is written: line 12 of the definition.
assert log =~ /workflow\.asl\.json:12:\d+: error [A-Z][A-Z0-9-]+ .*CallAPI/
// The unclosed Jinja expression is reported in the template file, with its own location and rule.
assert log =~ /greeting\.json:\d+:\d+: error [A-Z][A-Z0-9-]+ /
// One failure at the end, with the count.
assert log =~ /apitpl: \d+ errors?, \d+ warnings? in 2 files/
assert log.contains('BUILD FAILURE')
return true
