def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// The error names the table, the property that creates it and the one that names another table.
assert log =~ /absent-templates/
assert log.contains('-Dapitpl.createTable=true')
assert log.contains('BUILD FAILURE')
assert !log.contains('seed absent-templates:') : 'nothing may have been written'
return true
