import groovy.json.JsonOutput

def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def api = support.startApi('apitpl.it.run-success', 200, '{"greeting":"Hello, Ada"}')

// The port is only known now, so the execution input is written here.
new File(basedir, 'input.json').text = JsonOutput.toJson([
        templateName: 'greeting',
        method      : 'GET',
        params      : [apiBaseUrl: "http://127.0.0.1:${api.address.port}".toString(), name: 'Ada']])
return true
