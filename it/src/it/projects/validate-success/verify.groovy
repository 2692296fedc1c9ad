def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

assert log.contains('apitpl-maven-plugin:' + apitplVersion + ':validate')
assert !(log =~ /: error [A-Z][A-Z0-9-]+ /)
assert log =~ /apitpl: \d+ files? valid/
assert log.contains('BUILD SUCCESS')
return true
