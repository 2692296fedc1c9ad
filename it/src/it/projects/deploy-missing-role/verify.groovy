def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.buildLog(basedir)

// Both ways out are named: the role's parameter and property, and createRoles.
assert log.contains('needs an execution role: set <functionRoleArn> (-Dapitpl.functionRoleArn=arn:aws:iam::ACCOUNT:role/NAME)')
assert log.contains('-Dapitpl.createRoles=true')
assert log.contains('BUILD FAILURE')
// It stopped before any call: no step done, and it did not get as far as the (unreachable) endpoint.
assert !log.contains('cannot reach')
assert !log.contains('deploy: validate')
return true
