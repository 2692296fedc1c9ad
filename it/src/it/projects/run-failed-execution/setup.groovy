import groovy.json.JsonOutput

def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def api = support.startApi('apitpl.it.run-failed-execution', 503, '{"error":"greeting service is down"}')

new File(basedir, 'input.json').text = JsonOutput.toJson([
        templateName: 'greeting',
        method      : 'GET',
        params      : [apiBaseUrl: "http://127.0.0.1:${api.address.port}".toString(), name: 'Ada']])
return true
