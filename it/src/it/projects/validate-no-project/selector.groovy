// Runs once the plugin under test has the goal this behaviour exercises.
return new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport)).pluginHasGoal(new File(pluginJar), 'validate')
