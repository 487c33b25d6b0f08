// Newtonsoft JSON (13.x), collections and LINQ run through the compiler, in the shapes the AI-gateway corpus
// uses. Every value is what C# gives, worked out by hand against Newtonsoft's and the BCL's sources; errors
// carry the .NET exception type and, where it is stable across .NET versions, the message.
import { describe, expect, it } from 'vitest';
import { ExpressionEvaluationError } from '../../../src/expressions/index.ts';
import type { ProxyContext } from '../../../src/expressions/index.ts';
import { run } from '../helpers.ts';
import { chatContext } from './chat-context.ts';

type Throws = { throws: string; message?: string };
type Row = readonly [code: string, expected: unknown];

function isThrows(e: unknown): e is Throws {
  return typeof e === 'object' && e !== null && 'throws' in e;
}

/** Like ./table.ts, but an error row may also pin the exception's message. */
function rows(list: readonly Row[], context: () => ProxyContext = () => chatContext()): void {
  it.each(list.map(([code, expected]) => ({ code, expected })))('$code', ({ code, expected }) => {
    if (!isThrows(expected)) {
      expect(run(code, context())).toEqual(expected);
      return;
    }
    let caught: unknown;
    try {
      run(code, context());
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ExpressionEvaluationError);
    const err = caught as ExpressionEvaluationError;
    expect(err.exceptionType).toBe(expected.throws);
    if (expected.message !== undefined) expect(err.detail).toBe(expected.message);
  });
}

const BODY = 'context.Request.Body.As<JObject>(preserveContent: true)';
const NL = '\r\n'; // Newtonsoft indents with Environment.NewLine; APIM's gateway runs on Windows.

// `(string)body["model"]`, `["messages"]` walks and the explicit conversions of JToken.
const walks: Row[] = [
  [`(string)${BODY}["model"]`, 'gpt-4o'],
  [`${BODY}["model"].ToString()`, 'gpt-4o'],
  [`${BODY}["model"].Value<string>()`, 'gpt-4o'],
  [`${BODY}.Value<string>("model")`, 'gpt-4o'],
  [`(string)${BODY}["messages"][0]["role"]`, 'system'],
  [`(string)${BODY}["messages"][3]["content"]`, 'Weather in Paris?'],
  [`${BODY}["messages"][1].Value<string>("content")`, 'Hello'],
  [`((JArray)${BODY}["messages"]).Count`, 4],
  [`${BODY}["messages"].Count()`, 4],
  [`(int)${BODY}["max_tokens"]`, 256],
  [`(int)${BODY}["max_tokens"] / 3`, 85],
  [`(double)${BODY}["max_tokens"] / 5`, 51.2],
  [`${BODY}["max_tokens"].Value<int>() + 1`, 257],
  [`(long)${BODY}["max_tokens"] * 2`, 512],
  [`(double)${BODY}["temperature"]`, 0.7],
  [`${BODY}["temperature"].Value<double>() > 0.5`, true],
  // Convert.ChangeType(0.7, typeof(int)) rounds half to even: 1.
  [`${BODY}["temperature"].Value<int>()`, 1],
  [`(int)${BODY}["temperature"]`, 1],
  [`(bool)${BODY}["stream"]`, true],
  [`${BODY}["stream"].Value<bool>()`, true],
  // JValue.ToString() is the CLR value's ToString(): a bool prints as "True".
  [`${BODY}["stream"].ToString()`, 'True'],
  [`(string)${BODY}["stream"]`, 'True'],
  [`(bool)${BODY}["stream_options"]["include_usage"]`, true],
  [`${BODY}["stream_options"]?["include_usage"]?.Value<bool>() ?? false`, true],
  [`(string)${BODY}["tools"][0]["function"]["name"]`, 'get_weather'],
  [`${BODY}["missing"] == null`, true],
  [`(string)${BODY}["missing"]`, null],
  [`(int?)${BODY}["missing"]`, null],
  [`(bool?)${BODY}["missing"] ?? false`, false],
  [`${BODY}.Value<int>("missing")`, 0],
  [`${BODY}.Value<string>("missing")`, null],
  [`${BODY}["missing"]?.ToString() ?? "none"`, 'none'],
  [`${BODY}["stream"] != null && ${BODY}["stream"].Type != JTokenType.Null`, true],
  [`${BODY}["stream"].Type == JTokenType.Boolean`, true],
  [`${BODY}["max_tokens"].Type.ToString()`, 'Integer'],
  [`$"{${BODY}["temperature"].Type}"`, 'Float'],
  [`${BODY}["messages"].Type == JTokenType.Array`, true],
  [`${BODY}.ContainsKey("tools")`, true],
  [`${BODY}.ContainsKey("Tools")`, false],
  [`${BODY}.Property("user").Value.ToString()`, 'u-42'],
  [`${BODY}["messages"][0].Path`, 'messages[0]'],
  [`${BODY}["stream_options"]["include_usage"].Path`, 'stream_options.include_usage'],
];

const walkErrors: Row[] = [
  [`(int)${BODY}["missing"]`, { throws: 'ArgumentNullException', message: "Value cannot be null. (Parameter 'value')" }],
  [`(string)${BODY}["messages"]`, { throws: 'ArgumentException', message: 'Can not convert Array to String.' }],
  [`(int)${BODY}["stream_options"]`, { throws: 'ArgumentException', message: 'Can not convert Object to Int32.' }],
  [`(int)${BODY}["model"]`, { throws: 'FormatException' }],
  [`(bool)${BODY}["model"]`, { throws: 'FormatException', message: "String 'gpt-4o' was not recognized as a valid Boolean." }],
  [`${BODY}["missing"]["x"]`, { throws: 'NullReferenceException', message: 'Object reference not set to an instance of an object.' }],
  [`${BODY}["messages"][4]`, { throws: 'ArgumentOutOfRangeException', message: "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')" }],
  [`${BODY}["messages"]["role"]`, { throws: 'ArgumentException', message: 'Accessed JArray values with invalid key value: "role". Int32 array index expected.' }],
  [`${BODY}["model"]["x"]`, { throws: 'InvalidOperationException', message: 'Cannot access child value on Newtonsoft.Json.Linq.JValue.' }],
  [`(JObject)${BODY}["messages"]`, { throws: 'InvalidCastException', message: "Unable to cast object of type 'Newtonsoft.Json.Linq.JArray' to type 'Newtonsoft.Json.Linq.JObject'." }],
  // Value<U> on a JValue null: Convert.ChangeType(null, typeof(int)).
  [`JObject.Parse("{\\"a\\":null}").Value<int>("a")`, { throws: 'InvalidCastException', message: 'Null object cannot be converted to a value type.' }],
  [`JObject.Parse("{\\"a\\":null}").Value<string>("a")`, null],
  [`JObject.Parse("{\\"a\\":null}")["a"].Type == JTokenType.Null`, true],
  [`JObject.Parse("{\\"a\\":null}")["a"] == null`, false],
  [`JObject.Parse("[1]")`, { throws: 'JsonReaderException', message: "Error reading JObject from JsonReader. Current JsonReader item is not an object: StartArray. Path '', line 1, position 1." }],
  [`JArray.Parse("{}")`, { throws: 'JsonReaderException', message: "Error reading JArray from JsonReader. Current JsonReader item is not an array: StartObject. Path '', line 1, position 1." }],
  [`JObject.Parse("{\\"a\\":")`, { throws: 'JsonReaderException' }],
  [`JObject.Parse("")`, { throws: 'JsonReaderException' }],
];

// LINQ over tokens: JToken is IEnumerable<JToken>, so corpus code calls Select/Where/Any on `body["messages"]`.
const tokenLinq: Row[] = [
  [`string.Concat(${BODY}["messages"].Select(m => m.Value<string>("content")).ToArray())`, 'You are terse.HelloHi!Weather in Paris?'],
  [`${BODY}["messages"].Select(m => (string)m["role"]).First()`, 'system'],
  [`${BODY}["messages"].Last()["content"].ToString()`, 'Weather in Paris?'],
  [`${BODY}["messages"].Any(m => (string)m["role"] == "system")`, true],
  [`${BODY}["messages"].All(m => m["content"] != null)`, true],
  [`${BODY}["messages"].Where(m => (string)m["role"] == "user").Count()`, 2],
  [`${BODY}["messages"].Count(m => m.Value<string>("role") == "assistant")`, 1],
  [`(string)${BODY}["messages"].FirstOrDefault(m => (string)m["role"] == "user")?["content"]`, 'Hello'],
  [`${BODY}["messages"].FirstOrDefault(m => (string)m["role"] == "tool") == null`, true],
  [`(string)${BODY}["messages"].LastOrDefault(m => (string)m["role"] == "user")["content"]`, 'Weather in Paris?'],
  [`string.Join("|", ${BODY}["messages"].Select(m => (string)m["role"]).Distinct())`, 'system|user|assistant'],
  [`${BODY}["messages"].Sum(m => ((string)m["content"]).Length)`, 39],
  [`${BODY}["messages"].Select(m => m.Value<string>("content")).ToList().Count`, 4],
  [`string.Join(",", ${BODY}.Properties().Select(p => p.Name))`, 'model,messages,temperature,max_tokens,stream,stream_options,tools,user'],
  [`${BODY}.Properties().Count()`, 8],
  [`${BODY}.Count`, 8],
  [`${BODY}.Children<JProperty>().First().Name`, 'model'],
  [`${BODY}["messages"].Children<JObject>().Count()`, 4],
  [`${BODY}["messages"][0].Children<JValue>().Count()`, 0],
  [`new JArray(1, "a", new JObject()).Children<JValue>().Count()`, 2],
  [`${BODY}["messages"][0].Children<JProperty>().Select(p => p.Value).OfType<JValue>().Count()`, 2],
  [`${BODY}["stream_options"].Children<JToken>().Count()`, 1],
  // In an invocation C# skips the property JValue.Value and binds JToken's Value<T>().
  [`((JValue)${BODY}["model"]).Value<string>()`, 'gpt-4o'],
  [`${BODY}["messages"].Values<string>("role").Count()`, 4],
  [`${BODY}["messages"][0].Values().Count()`, 2],
  [`string.Join(",", ${BODY}["tools"].Select(t => (string)t.SelectToken("function.name")))`, 'get_weather'],
  [`${BODY}["messages"].Skip(1).Take(2).Select(m => (string)m["content"]).Last()`, 'Hi!'],
  [`${BODY}["messages"].OrderBy(m => (string)m["content"]).Select(m => (string)m["role"]).First()`, 'user'],
  [`${BODY}["messages"].Reverse().First()["role"].ToString()`, 'user'],
  [`${BODY}["messages"].First(m => (string)m["role"] == "tool")`, { throws: 'InvalidOperationException', message: 'Sequence contains no matching element' }],
  [`${BODY}["messages"].Single(m => (string)m["role"] == "user")`, { throws: 'InvalidOperationException', message: 'Sequence contains more than one matching element' }],
];

// SelectToken paths.
const selectTokens: Row[] = [
  [`(string)${BODY}.SelectToken("messages[0].content")`, 'You are terse.'],
  [`(string)${BODY}.SelectToken("$.messages[-1:].role")`, 'user'],
  [`(string)${BODY}.SelectToken("$.tools[0].function.name")`, 'get_weather'],
  [`(bool)${BODY}.SelectToken("stream_options.include_usage")`, true],
  [`${BODY}.SelectToken("missing.deeper") == null`, true],
  [`${BODY}.SelectTokens("$.messages[?(@.role == 'user')].content").Count()`, 2],
  [`string.Join(",", ${BODY}.SelectTokens("messages[*].role"))`, 'system,user,assistant,user'],
  [`${BODY}.SelectToken("$.messages[?(@.role == 'user')].content")`, { throws: 'JsonException', message: 'Path returned multiple tokens.' }],
  [`${BODY}.SelectToken("missing", true)`, { throws: 'JsonException', message: "Property 'missing' does not exist on JObject." }],
];

// Building JSON: new JObject(new JProperty(...)), initializers, indexer writes, Add, Remove.
const building: Row[] = [
  ['new JObject(new JProperty("a", 1), new JProperty("b", "x")).ToString(Formatting.None)', '{"a":1,"b":"x"}'],
  ['new JObject(new JProperty("a", 1)).ToString()', `{${NL}  "a": 1${NL}}`],
  ['new JObject(new JProperty("list", new JArray(1, 2))).ToString()', `{${NL}  "list": [${NL}    1,${NL}    2${NL}  ]${NL}}`],
  ['new JObject(new JProperty("categories", new JArray(new string[] {"Hate","Sexual"}))).ToString(Formatting.None)', '{"categories":["Hate","Sexual"]}'],
  ['new JObject(new JProperty("d", new JArray(new string[] {}))).ToString(Formatting.None)', '{"d":[]}'],
  ['new JObject(new JProperty("t", Math.Round(21.456, 1))).ToString(Formatting.None)', '{"t":21.5}'],
  ['new JObject(new JProperty("n", 2.0)).ToString(Formatting.None)', '{"n":2.0}'],
  ['new JObject(new JProperty("s", (string)null)).ToString(Formatting.None)', '{"s":null}'],
  ['new JObject { ["a"] = 1, ["b"] = true, ["c"] = "x" }.ToString(Formatting.None)', '{"a":1,"b":true,"c":"x"}'],
  ['new JObject { { "name", "b1" }, { "weight", 10 } }.ToString(Formatting.None)', '{"name":"b1","weight":10}'],
  ['new JObject() { { "isThrottling", false } }["isThrottling"].Value<bool>()', false],
  ['new JArray { "a", 1, true }.ToString(Formatting.None)', '["a",1,true]'],
  ['new JArray("a", "b").Count', 2],
  ['new JArray(new List<int> { 1, 2, 3 }).ToString(Formatting.None)', '[1,2,3]'],
  ['{ var o = new JObject(); o["error"] = "invalid_client"; o["n"] = 5; return o.ToString(Formatting.None); }', '{"error":"invalid_client","n":5}'],
  ['{ var o = new JObject(); o["x"] = null; return o.ToString(Formatting.None); }', '{"x":null}'],
  ['{ var o = JObject.Parse("{\\"a\\":1}"); o["a"] = "two"; return o.ToString(Formatting.None); }', '{"a":"two"}'],
  ['{ var o = new JObject(); o.Add("a", 1); o.Add(new JProperty("b", 2)); return o.ToString(Formatting.None); }', '{"a":1,"b":2}'],
  ['{ var o = new JObject(); o.Add("a", 1); o.Add("a", 2); return o.Count; }', { throws: 'ArgumentException', message: 'Can not add property a to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.' }],
  ['new JObject(new JProperty("a", 1), new JProperty("a", 2))', { throws: 'ArgumentException', message: 'Can not add property a to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.' }],
  [`{ var b = ${BODY}; b["max_tokens"] = 100; b.Remove("stream_options"); return (int)b["max_tokens"] + b.Count; }`, 107],
  [`{ var b = ${BODY}; b.Property("user").Remove(); return b.ContainsKey("user"); }`, false],
  [`{ var b = ${BODY}; ((JArray)b["messages"]).Add(new JObject(new JProperty("role", "user"), new JProperty("content", "x"))); return b["messages"].Count(); }`, 5],
  [`{ var b = ${BODY}; ((JArray)b["messages"]).RemoveAt(0); return (string)b["messages"][0]["role"]; }`, 'user'],
  [`{ var b = ${BODY}; b["messages"][0]["content"] = "Be verbose."; return (string)b.SelectToken("messages[0].content"); }`, 'Be verbose.'],
  [`{ var b = ${BODY}; b["stream_options"] = new JObject { ["include_usage"] = false }; return b["stream_options"].ToString(Formatting.None); }`, '{"include_usage":false}'],
  [`{ var b = ${BODY}; var c = (JObject)b.DeepClone(); c["model"] = "x"; return (string)b["model"] + (string)c["model"]; }`, 'gpt-4ox'],
  // Moving a token that already has a parent adds a clone: the original stays where it was.
  [`{ var b = ${BODY}; var o = new JObject(); o["m"] = b["messages"][0]; o["m"]["role"] = "x"; return (string)b["messages"][0]["role"]; }`, 'system'],
  ['new JProperty("k", "v").ToString()', '"k": "v"'],
  ['new JProperty("k", "v").Name + "=" + new JProperty("k", "v").Value', 'k=v'],
  ['new JValue("x").ToString(Formatting.None)', '"x"'],
  ['new JValue(1.5).ToString()', '1.5'],
  ['JToken.FromObject(new { a = 1, b = new[] { "x" } }).ToString(Formatting.None)', '{"a":1,"b":["x"]}'],
  ['JToken.DeepEquals(JObject.Parse("{\\"a\\":1}"), new JObject { ["a"] = 1 })', true],
];

// foreach over JObject (KeyValuePair<string, JToken>) and JArray (JToken).
const loops: Row[] = [
  [`{ var r = ""; foreach (var kv in ${BODY}) { if (kv.Value.Type == JTokenType.String) r += kv.Key + ";"; } return r; }`, 'model;user;'],
  [`{ var r = ""; foreach (var p in ${BODY}.Properties()) { if (p.Value.Type == JTokenType.Object) r += p.Name; } return r; }`, 'stream_options'],
  [`{ var n = 0; foreach (var m in (JArray)${BODY}["messages"]) { n += ((string)m["content"]).Length; } return n; }`, 39],
  [`{ var n = 0; foreach (JObject m in ${BODY}["messages"]) { if (m.ContainsKey("role")) n++; } return n; }`, 4],
  [`{ var roles = new List<string>(); foreach (var m in ${BODY}["messages"]) roles.Add(m.Value<string>("role")); return string.Join(",", roles); }`, 'system,user,assistant,user'],
  [`{ var r = 0; foreach (var t in ${BODY}["tools"]) { foreach (var p in ((JObject)t["function"]).Properties()) r++; } return r; }`, 2],
  [`{ var b = ${BODY}; foreach (var kv in b) { if (kv.Key == "model") b.Remove("user"); } return b.Count; }`, { throws: 'InvalidOperationException', message: 'Collection was modified; enumeration operation may not execute.' }],
  [`{ var b = ${BODY}; foreach (var kv in b) { if (kv.Key == "user") b["model"] = "x"; } return (string)b["model"]; }`, 'x'],
];

// ToObject and JsonConvert.
const conversion: Row[] = [
  ['JObject.Parse((string)context.Variables["config"])["tags"].ToObject<List<string>>().Count', 2],
  ['JObject.Parse((string)context.Variables["config"])["tags"].ToObject<string[]>()[1]', 'b'],
  ['JObject.Parse((string)context.Variables["config"])["tags"]?.ToObject<JArray>().Count', 2],
  ['JObject.Parse((string)context.Variables["config"])["limits"].ToObject<Dictionary<string, int>>()["rpm"]', 60],
  ['JObject.Parse((string)context.Variables["config"])["priority"].ToObject<int>()', 1],
  ['JObject.Parse((string)context.Variables["config"])["name"].ToObject<string>()', 'b1'],
  ['JArray.Parse((string)context.Variables["list"]).ToObject<List<int>>().Max()', 3],
  ['JArray.Parse((string)context.Variables["list"]).Select(t => (int)t).OrderBy(x => x).First()', 1],
  ['JArray.Parse((string)context.Variables["list"]).Values<int>().Sum()', 6],
  ['JsonConvert.SerializeObject(new JObject { ["a"] = 1 })', '{"a":1}'],
  ['JsonConvert.SerializeObject(new Dictionary<string, int> { { "a", 1 }, { "b", 2 } })', '{"a":1,"b":2}'],
  ['JsonConvert.SerializeObject(new List<string> { "a", "b" })', '["a","b"]'],
  ['JsonConvert.SerializeObject("x")', '"x"'],
  ['JsonConvert.SerializeObject(null)', 'null'],
  ['JsonConvert.SerializeObject(1.0)', '1.0'],
  ['JsonConvert.SerializeObject(new { error = new { message = "m" } })', '{"error":{"message":"m"}}'],
  ['JsonConvert.SerializeObject(new { a = 1 }, Formatting.Indented)', `{${NL}  "a": 1${NL}}`],
  ['JsonConvert.DeserializeObject<JObject>("{\\"a\\":[1,2]}")["a"].Count()', 2],
  ['JsonConvert.DeserializeObject<Dictionary<string, string>>("{\\"k\\":\\"v\\"}")["k"]', 'v'],
  ['((JObject)JsonConvert.DeserializeObject("{\\"a\\":1}"))["a"].Value<int>()', 1],
  ['Newtonsoft.Json.JsonConvert.SerializeObject(new { token_type = "Bearer", expires_in = 3600 })', '{"token_type":"Bearer","expires_in":3600}'],
];

// Collections and LINQ over them.
const collections: Row[] = [
  ['new List<int> { 3, 1, 2 }.OrderBy(x => x).First()', 1],
  ['new[] { 1, 2, 3 }.Where(x => x > 1).Sum()', 5],
  ['new[] { 1, 2, 3 }.Select(x => x * 2).ToList().Count', 3],
  ['string.Join(",", new[] { "b", "a", "c" }.OrderByDescending(s => s))', 'c,b,a'],
  ['new[] { 1, 2 }.FirstOrDefault(x => x > 5)', 0],
  ['new string[0].FirstOrDefault()', null],
  ['new[] { 1, 2 }.Average()', 1.5],
  ['new[] { "a", "b", "a" }.Distinct().Count()', 2],
  ['new[] { 1, 2, 3 }.Skip(1).Take(1).Single()', 2],
  ['new[] { 1, 2, 3 }.Any(x => x > 2) && new[] { 1, 2, 3 }.All(x => x > 0)', true],
  ['new[] { 1, 2, 3 }.Contains(2)', true],
  ['new[] { 1, 2, 3, 4 }.Aggregate((a, b) => a * b)', 24],
  ['new[] { "a", "bb" }.ToDictionary(s => s, s => s.Length)["bb"]', 2],
  ['string.Join(";", new[] { "x", "yy", "zz" }.OrderBy(s => s.Length).ThenByDescending(s => s))', 'x;zz;yy'],
  ['new List<string> { "a" }.Concat(new[] { "b" }).ToArray().Length', 2],
  ['new List<string>().First()', { throws: 'InvalidOperationException', message: 'Sequence contains no elements' }],
  ['new[] { 1, 2 }.Single()', { throws: 'InvalidOperationException', message: 'Sequence contains more than one element' }],
  ['new int[0].Max()', { throws: 'InvalidOperationException', message: 'Sequence contains no elements' }],
  ['new[] { "a", "a" }.ToDictionary(s => s)', { throws: 'ArgumentException', message: 'An item with the same key has already been added. Key: a' }],
  ['new Dictionary<string, int> { { "a", 1 } }["b"]', { throws: 'KeyNotFoundException', message: "The given key 'b' was not present in the dictionary." }],
  ['{ var d = new Dictionary<string, int>(); d.Add("a", 1); d.Add("a", 2); return d.Count; }', { throws: 'ArgumentException', message: 'An item with the same key has already been added. Key: a' }],
  ['{ var d = new Dictionary<string, int>() { { "Hate", 0 }, { "Sexual", 2 } }; var r = ""; foreach (var c in d) r += c.Key + "=" + c.Value + ";"; return r; }', 'Hate=0;Sexual=2;'],
  ['new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }.Where(kv => kv.Value > 1).Select(kv => kv.Key).Single()', 'b'],
  ['new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }.Values.Sum()', 3],
  ['new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }.Keys.First()', 'a'],
  ['{ var d = new Dictionary<string, string>(); d["k"] = "v"; return d.TryGetValue("k", out var v) ? v : "none"; }', 'v'],
  ['{ var l = new List<int> { 1, 2, 3 }; l.Remove(2); l.Insert(0, 9); return string.Join(",", l); }', '9,1,3'],
  ['{ var l = new List<int> { 5, 6 }; return l.IndexOf(6) + l.Count(); }', 3],
  ['new List<int> { 1 }[1]', { throws: 'ArgumentOutOfRangeException', message: "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')" }],
  ['{ var l = new List<string[]>(); l.Add(new[] { "host", " a " }); return string.Join(";", l.Select(h => $"{h[0]}:{h[1].Trim()}")); }', 'host:a'],
  ['new HashSet<string> { "a", "b", "a" }.Count', 2],
  ['{ var h = new HashSet<string>(); return h.Add("x") && !h.Add("x"); }', true],
];

// More of the corpus's shapes: typed foreach, out JToken, case-insensitive lookups, interpolation of tokens,
// numbers as Newtonsoft reads and writes them, type tests, GroupBy and indexed Select over messages.
const shapes: Row[] = [
  [`{ var r = ""; foreach (JProperty p in ${BODY}.Properties()) r += p.Name[0]; return r; }`, 'mmtmsstu'],
  [`string.Join(",", ${BODY}.Properties().Where(p => p.Name.StartsWith("m")).Select(p => p.Name))`, 'model,messages,max_tokens'],
  [`{ JToken t; return ${BODY}.TryGetValue("model", out t) ? (string)t : "none"; }`, 'gpt-4o'],
  [`${BODY}.TryGetValue("nope", out JToken t) ? "yes" : "no"`, 'no'],
  [`(string)${BODY}.GetValue("MODEL", StringComparison.OrdinalIgnoreCase)`, 'gpt-4o'],
  [`${BODY}.GetValue("MODEL") == null`, true],
  [`${BODY}.Property("Model", StringComparison.OrdinalIgnoreCase).Name`, 'model'],
  [`(string)${BODY}.SelectToken("$..name")`, 'get_weather'],
  [`JArray.FromObject(new[] { 1, 2 }).ToString(Formatting.None)`, '[1,2]'],
  [`JArray.Parse("[1,2,3]").Select(x => (int)x * 2).Sum()`, 12],
  [`new JObject { ["a"] = new JArray(new List<string> { "x", "y" }.Select(x => x.ToUpper())) }.ToString(Formatting.None)`, '{"a":["X","Y"]}'],
  [`${BODY}.Descendants().OfType<JProperty>().Count()`, 22],
  [`${BODY}["messages"].Children().Count()`, 4],
  [`${BODY}["messages"].ToObject<List<JObject>>().Count`, 4],
  [`JsonConvert.DeserializeObject<List<string>>("[\\"a\\"]")[0]`, 'a'],
  [`$"{${BODY}["model"]}"`, 'gpt-4o'],
  [`"max=" + ${BODY}["max_tokens"]`, 'max=256'],
  [`$"{${BODY}["stream_options"]}"`, `{${NL}  "include_usage": true${NL}}`],
  [`${BODY}["temperature"].ToString()`, '0.7'],
  [`(decimal)${BODY}["temperature"]`, 0.7],
  [`${BODY}["max_tokens"].Value<long>()`, 256],
  [`${BODY}["stream"].Value<string>()`, 'True'],
  [`${BODY}.Value<JArray>("messages").Count`, 4],
  [`${BODY}.Value<JObject>("stream_options").Count`, 1],
  [`JObject.Parse("{\\"a\\":1.50}").ToString(Formatting.None)`, '{"a":1.5}'],
  [`JObject.Parse("{\\"a\\":1e3}")["a"].ToString(Formatting.None)`, '1000.0'],
  [`(int)JObject.Parse("{\\"a\\":1e3}")["a"]`, 1000],
  [`JObject.Parse("{\\"a\\":1,\\"a\\":2}")["a"].ToString()`, '2'],
  [`JToken.Parse("5").Type.ToString()`, 'Integer'],
  [`JObject.Parse("{'a':1}")["a"].ToString()`, '1'],
  [`JObject.Parse("{a:1}")["a"].ToString()`, '1'],
  [`JObject.Parse("{\\"a\\":1 /*c*/}").Count`, 1],
  [`JObject.Parse("{\\"a\\":1} x")`, { throws: 'JsonReaderException' }],
  [`{ var o = JObject.Parse("{\\"a\\":1}"); o.Property("a").Value = 5; return o.ToString(Formatting.None); }`, '{"a":5}'],
  [`new JObject(${BODY}.Properties().Where(p => p.Name != "tools")).Count`, 7],
  [`new JArray(${BODY}["messages"].Where(m => (string)m["role"] != "system")).Count`, 3],
  [`${BODY}.Remove("nonexistent")`, false],
  [`((JObject)${BODY}["stream_options"]).Properties().First().Name`, 'include_usage'],
  [`(string)${BODY}.SelectToken("messages[1]").Next["role"]`, 'assistant'],
  [`${BODY}["model"].Parent.Path`, 'model'],
  [`${BODY}["messages"][0] is JObject`, true],
  [`${BODY}["model"] as JObject == null`, true],
  [`${BODY}["messages"] is JArray arr ? arr.Count : -1`, 4],
  [`((JValue)${BODY}["max_tokens"]).Value`, 256],
  [`${BODY}.Count()`, 8],
  [`new JArray().FirstOrDefault() == null`, true],
  [`${BODY}["messages"].GroupBy(m => (string)m["role"]).Count()`, 3],
  [`string.Join(",", ${BODY}["messages"].GroupBy(m => (string)m["role"]).Select(g => g.Key + g.Count()))`, 'system1,user2,assistant1'],
  [`${BODY}["messages"].Max(m => ((string)m["content"]).Length)`, 17],
  [`${BODY}["messages"].Average(m => ((string)m["content"]).Length)`, 9.75],
  [`(string)${BODY}["messages"].OrderByDescending(m => ((string)m["content"]).Length).First()["role"]`, 'user'],
  [`${BODY}["messages"].Select((m, i) => i).Last()`, 3],
  [`string.Join(",", ${BODY}["messages"].Where((m, i) => i % 2 == 1).Select(m => (string)m["role"]))`, 'user,user'],
  [`${BODY}.Properties().ToDictionary(p => p.Name, p => p.Value.Type.ToString())["stream"]`, 'Boolean'],
  [`${BODY}["tools"].SelectMany(t => ((JObject)t["function"]).Properties()).Count()`, 2],
  [`JsonConvert.SerializeObject(new Dictionary<string, object> { { "a", new[] { 1 } } })`, '{"a":[1]}'],
  [`JObject.FromObject(new Dictionary<string, object> { ["a"] = 1 }).ToString(Formatting.None)`, '{"a":1}'],
  [`${BODY}["messages"].Sum(m => (int)m["role"])`, { throws: 'FormatException' }],
  [`${BODY}["tools"][0]["function"]["name"].Value<int>()`, { throws: 'FormatException' }],
  [`new JArray(1)[1]`, { throws: 'ArgumentOutOfRangeException', message: "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')" }],
  [`{ ((JArray)${BODY}["messages"]).Insert(9, new JObject()); return 0; }`, { throws: 'ArgumentOutOfRangeException', message: "Index must be within the bounds of the List. (Parameter 'index')" }],
  [`{ var b = ${BODY}; ((JArray)b["messages"]).Insert(0, new JObject { ["role"] = "developer" }); return (string)b["messages"][0]["role"]; }`, 'developer'],
  // As<JObject>(preserveContent: true) parses the body afresh each time: an edit to one copy is not seen by the next.
  [`{ ((JArray)${BODY}["messages"]).Insert(0, new JObject { ["role"] = "developer" }); return (string)${BODY}["messages"][0]["role"]; }`, 'system'],
];

const moreLinq: Row[] = [
  ['Enumerable.Range(0, 3).Select(i => i * i).Sum()', 5],
  ['string.Join(",", Enumerable.Repeat("a", 2))', 'a,a'],
  ['new[] { 1, 2, 3 }.Where(x => x % 2 == 1).Select(x => x.ToString()).Aggregate((a, b) => a + b)', '13'],
  ['new Dictionary<string, int> { { "a", 3 }, { "b", 1 } }.OrderBy(kv => kv.Value).First().Key', 'b'],
  ['new HashSet<string>(new[] { "a", "b" }).Contains("b")', true],
  ['new List<int>().DefaultIfEmpty().First()', 0],
  ['new[] { "a" }.ElementAtOrDefault(5)', null],
  ['new List<int> { 7 }.LastOrDefault(x => x > 10)', 0],
  ['new[] { true }.FirstOrDefault(x => !x)', false],
  ['new[] { 2.5, 1.5 }.Min()', 1.5],
  ['new List<long> { 1, 2 }.Sum()', 3],
  // Comparer<string>.Default is culture-sensitive: lower case sorts before upper case.
  ['string.Join(",", new[] { "b", "B", "a" }.OrderBy(s => s))', 'a,b,B'],
  ['string.Join(",", new[] { "b", "B", "a" }.OrderBy(s => s, StringComparer.Ordinal))', 'B,a,b'],
  ['new List<string> { "x" }.Exists(s => s == "x")', true],
  ['new List<string> { "x", "y" }.Find(s => s == "y")', 'y'],
  ['new[] { 1, 2, 3 }.Select((x, i) => x * i).Sum()', 8],
];

// Token identity and equality, values written by Newtonsoft's JsonTextWriter, implicit conversions into
// JToken, and LINQ over the context's own dictionaries.
const values: Row[] = [
  [`(string)${BODY}?["messages"]?.LastOrDefault()?["content"]?.ToString()`, 'Weather in Paris?'],
  [`${BODY}["messages"].Last.Value<string>("content")`, 'Weather in Paris?'],
  [`(string)${BODY}["messages"].First["role"]`, 'system'],
  [`{ var r = ""; foreach (var item in (JArray)${BODY}["messages"]) { r += item["role"].ToString()[0]; } return r; }`, 'suau'],
  [`string.Join(",", ${BODY}.SelectToken("messages").Children<JObject>().Select(m => m.Value<string>("role")))`, 'system,user,assistant,user'],
  [`{ var l = new List<JObject>(); l.Add(new JObject { ["a"] = 1 }); l.Add(new JObject()); return JsonConvert.SerializeObject(l); }`, '[{"a":1},{}]'],
  [`JObject.Parse(${BODY}.ToString()).Count`, 8],
  [`{ JArray arr = new JArray(); arr.Add(JObject.FromObject(new { a = 1 })); return arr.ToString(Formatting.None); }`, '[{"a":1}]'],
  [`JToken.FromObject("x").Type.ToString()`, 'String'],
  [`((JArray)JToken.Parse("[1]")).Count`, 1],
  // JToken has no == operator: reference equality. JValue overrides Equals; JObject does not.
  [`new JValue(5) == new JValue(5)`, false],
  [`new JValue(5).Equals(new JValue(5))`, true],
  [`JObject.Parse("{}").Equals(JObject.Parse("{}"))`, false],
  [`new JValue(1).Equals(new JValue(1L))`, true],
  [`new JValue("a").CompareTo(new JValue("b"))`, -1],
  [`${BODY}["user"]?.Value<string>() ?? context.Subscription.Id`, 'u-42'],
  [`$"{(double)${BODY}["temperature"]:F2}"`, '0.70'],
  [`${BODY}.Properties().Select(p => p.Name).Contains("tools")`, true],
  [`${BODY}.ToObject<Dictionary<string, object>>()["model"]`, 'gpt-4o'],
  [`${BODY}.ToObject<Dictionary<string, object>>()["max_tokens"]`, 256],
  [`${BODY}.ToObject<Dictionary<string, object>>()["messages"] is JArray`, true],
  [`JsonConvert.DeserializeObject<Dictionary<string, object>>("{\\"a\\":{\\"b\\":1}}")["a"] is JObject`, true],
  [`JsonConvert.SerializeObject(${BODY}["messages"][0])`, '{"role":"system","content":"You are terse."}'],
  [`JsonConvert.SerializeObject(new { text = (string)null })`, '{"text":null}'],
  [`JsonConvert.SerializeObject(new[] { "a" }, Formatting.Indented)`, `[${NL}  "a"${NL}]`],
  [`JsonConvert.SerializeObject(new { a = 1.5, b = true, c = 'x' })`, '{"a":1.5,"b":true,"c":"x"}'],
  [`JsonConvert.SerializeObject(new { n = 2.0, i = 2 })`, '{"n":2.0,"i":2}'],
  [`JsonConvert.SerializeObject(new JValue("x"))`, '"x"'],
  [`new JObject { ["s"] = "a\\"b\\\\c\\n<&>é" }.ToString(Formatting.None)`, '{"s":"a\\"b\\\\c\\n<&>é"}'],
  [`JObject.Parse("{\\"s\\":\\"\\\\u00e9\\"}")["s"].ToString()`, 'é'],
  [`new JValue(0.1 + 0.2).ToString(Formatting.None)`, '0.30000000000000004'],
  [`new JValue(1e21).ToString(Formatting.None)`, '1E+21'],
  [`new JValue(123456789012.0).ToString(Formatting.None)`, '123456789012.0'],
  [`new JValue(1e21).ToString()`, '1E+21'],
  [`{ var b = ${BODY}; b.Properties().Where(p => p.Name.StartsWith("stream")).ToList().ForEach(p => p.Remove()); return b.Count; }`, 6],
  [`${BODY}["messages"].Where(m => m["role"].ToString() == "user").ToList().Count`, 2],
  [`{ var a = new JArray(1, 2); foreach (var x in a) a.Add(3); return 0; }`, { throws: 'InvalidOperationException', message: 'Collection was modified; enumeration operation may not execute.' }],
  [`{ var l = new List<int> { 1, 2 }; foreach (var x in l) l.Add(3); return 0; }`, { throws: 'InvalidOperationException', message: 'Collection was modified; enumeration operation may not execute.' }],
  [`{ var o = JObject.Parse("{\\"a\\":[1]}"); o.Merge(JObject.Parse("{\\"a\\":[2],\\"b\\":1}")); return o.ToString(Formatting.None); }`, '{"a":[1,2],"b":1}'],
  [`{ var o = JObject.Parse("{\\"a\\":1}"); o.AddFirst(new JProperty("z", 0)); return o.ToString(Formatting.None); }`, '{"z":0,"a":1}'],
  [`{ var o = JObject.Parse("{\\"a\\":1}"); o["a"].Replace(new JValue("x")); return o.ToString(Formatting.None); }`, '{"a":"x"}'],
  [`{ var o = JObject.Parse("{\\"a\\":1}"); o.Property("a").AddAfterSelf(new JProperty("b", 2)); return o.ToString(Formatting.None); }`, '{"a":1,"b":2}'],
  [`JTokenType.Integer.ToString()`, 'Integer'],
  [`new JObject().HasValues`, false],
  [`JArray.Parse("[1,2]").Count(t => (int)t > 1)`, 1],
  [`new JArray(1, 2).Values<int>().Max()`, 2],
  [`new JArray("b", "a").OrderBy(t => (string)t).First().ToString()`, 'a'],
  [`new JArray(2, 1).OrderBy(t => t).First().ToString()`, '1'],
  [`JArray.Parse("[1,2,3]").Where(t => t.Value<int>() > 1).Count()`, 2],
  // Implicit conversions into JToken keep the static type: 1.0 is a Float, 1 an Integer.
  [`new JObject { ["n"] = 1 }["n"].Type == JTokenType.Integer`, true],
  [`new JObject { ["n"] = 1.0 }["n"].Type.ToString()`, 'Float'],
  [`{ var o = new JObject(); o["t"] = Math.Round(20.96, 1); return o.ToString(Formatting.None); }`, '{"t":21.0}'],
  [`{ JToken t = 3.0; return t.ToString(Formatting.None); }`, '3.0'],
  [`new JObject { ["n"] = 5L }["n"].ToString(Formatting.None)`, '5'],
  [`new JObject { ["n"] = 1.5m }["n"].ToString(Formatting.None)`, '1.5'],
  [`new JObject { ["d"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) }.ToString(Formatting.None)`, '{"d":"2024-01-02T03:04:05Z"}'],
  [`new JObject { ["g"] = Guid.Empty }.ToString(Formatting.None)`, '{"g":"00000000-0000-0000-0000-000000000000"}'],
  [`new JObject { ["t"] = TimeSpan.FromMinutes(90) }.ToString(Formatting.None)`, '{"t":"01:30:00"}'],
  [`new JObject { ["c"] = 'x' }.ToString(Formatting.None)`, '{"c":"x"}'],
  [`new JObject { ["b"] = new byte[] { 1, 2 } }.ToString(Formatting.None)`, '{"b":"AQI="}'],
  [`new JObject { ["u"] = new Uri("https://a.b/c") }.ToString(Formatting.None)`, '{"u":"https://a.b/c"}'],
  [`JsonConvert.SerializeObject(new { d = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc) })`, '{"d":"2024-01-02T03:04:05Z"}'],
  [`JsonConvert.SerializeObject(new Dictionary<string, string> { ["k"] = null })`, '{"k":null}'],
  [`JsonConvert.SerializeObject(new List<int>())`, '[]'],
  [`JsonConvert.SerializeObject(true)`, 'true'],
  [`JsonConvert.SerializeObject(5)`, '5'],
  [`JsonConvert.SerializeObject(1.5)`, '1.5'],
  [`JsonConvert.DeserializeObject<int>("5") + 1`, 6],
  [`JsonConvert.DeserializeObject<string>("\\"s\\"")`, 's'],
  [`JsonConvert.DeserializeObject<JArray>("[1,2]").Count`, 2],
  [`JsonConvert.DeserializeObject("5")`, 5],
  [`JsonConvert.DeserializeObject("[1]") is JArray`, true],
  [`JsonConvert.DeserializeObject<JObject>("[1]")`, { throws: 'JsonReaderException' }],
  [`JsonConvert.DeserializeObject<List<int>>("{}")`, { throws: 'JsonSerializationException' }],
  // The context's dictionaries are IEnumerable<KeyValuePair<string, string[]>> to LINQ too (aws-bedrock signing).
  [`context.Request.Headers.Where(h => h.Key.StartsWith("Content")).Select(h => h.Value.First()).First()`, 'application/json'],
  [`string.Join("&", context.Request.Url.Query.OrderBy(q => q.Key).Select(q => q.Key + "=" + q.Value.First()))`, 'api-version=2024-10-21'],
  [`context.Request.Headers.Count(h => h.Value.Length > 0)`, 2],
  [`context.Variables.Any(v => v.Key == "config")`, true],
  [`"abc".Count()`, 3],
  [`"a,b".Split(',').Count()`, 2],
];

// A load-balancer config array (the shape of {{openai-lb-config}}): JSONPath filters and slices, LINQ over
// backends, tree navigation and edits.
const CFG = 'JArray.Parse(@"[{""name"":""east"",""priority"":1,""weight"":10},{""name"":""west"",""priority"":2,""weight"":5},{""name"":""north"",""priority"":2,""weight"":1}]")';
const backends: Row[] = [
  [`${BODY}["stream"].ToObject<bool>()`, true],
  [`${BODY}["missing"]?.ToObject<int?>()`, null],
  [`${BODY}["max_tokens"].ToObject<int?>()`, 256],
  [`${BODY}["max_tokens"].ToObject<string>()`, '256'],
  [`JObject.Parse("{}").ToString(Formatting.Indented)`, '{}'],
  [`context.Request.Body.As<JToken>(true)["model"].ToString()`, 'gpt-4o'],
  [`string.Join(",", new JArray(1, "a", true))`, '1,a,True'],
  [`new JArray(1, "a").ToString()`, `[${NL}  1,${NL}  "a"${NL}]`],
  [`JToken.Parse("null").Type.ToString()`, 'Null'],
  [`(string)JToken.Parse("null")`, null],
  [`JValue.CreateNull().ToString(Formatting.None)`, 'null'],
  [`JArray.Parse("[]").Any()`, false],
  [`(bool)JObject.Parse("{\\"a\\":{\\"b\\":[1,{\\"c\\":true}]}}").SelectToken("a.b[1].c")`, true],
  [`(int)JObject.Parse("{\\"a b\\":{\\"c\\":2}}").SelectToken("['a b'].c")`, 2],
  [`JObject.Parse("{\\"a\\":{\\"c\\":1},\\"b\\":{\\"c\\":2}}").SelectTokens("$..c").Sum(t => (int)t)`, 3],
  [`string.Join(",", ${CFG}.SelectTokens("$[?(@.priority == 2)].name"))`, 'west,north'],
  [`string.Join(",", ${CFG}.SelectTokens("$[?(@.weight > 4)].name"))`, 'east,west'],
  [`(string)${CFG}.SelectToken("$[?(@.priority == 2 && @.weight < 5)].name")`, 'north'],
  [`(string)${CFG}.SelectToken("$[?(@.name == 'x' || @.weight == 10)].name")`, 'east'],
  [`${CFG}.SelectTokens("$[?(@.missing)]").Count()`, 0],
  [`${CFG}.SelectTokens("$[?(@.name)]").Count()`, 3],
  [`string.Join(",", ${CFG}.SelectTokens("[0:2].name"))`, 'east,west'],
  [`string.Join(",", ${CFG}.SelectTokens("[::-1].name"))`, 'north,west,east'],
  [`string.Join(",", ${CFG}.SelectTokens("[1:].weight"))`, '5,1'],
  [`${CFG}.SelectToken("[5]", true)`, { throws: 'JsonException', message: 'Index 5 outside the bounds of JArray.' }],
  [`${CFG}.SelectToken("[7:9]", true)`, { throws: 'JsonException', message: 'Array slice of 7 to 9 returned no results.' }],
  [`${CFG}[0].SelectToken("name.first", true)`, { throws: 'JsonException', message: "Property 'first' not valid on JValue." }],
  [`${CFG}.OrderBy(b => (int)b["priority"]).ThenByDescending(b => (int)b["weight"]).Select(b => (string)b["name"]).Last()`, 'north'],
  [`${CFG}.Where(b => (int)b["priority"] == 2).Sum(b => (int)b["weight"])`, 6],
  [`${CFG}.Max(b => (int)b["weight"])`, 10],
  [`${CFG}.First(b => b.Value<int>("weight") < 5).Value<string>("name")`, 'north'],
  [`${CFG}.ToDictionary(b => (string)b["name"], b => (int)b["weight"]).Values.Sum()`, 16],
  [`${CFG}.Select(b => new { n = (string)b["name"], w = (int)b["weight"] }).OrderBy(x => x.w).First().n`, 'north'],
  [`JsonConvert.SerializeObject(${CFG}.Select(b => new { n = (string)b["name"] }))`, '[{"n":"east"},{"n":"west"},{"n":"north"}]'],
  [`${CFG}.Children<JObject>().Count(o => o.ContainsKey("weight"))`, 3],
  // Two parses are two trees: IndexOf compares references.
  [`${CFG}.IndexOf(${CFG}[0])`, -1],
  [`{ var a = ${CFG}; return a.IndexOf(a[1]); }`, 1],
  [`{ var a = ${CFG}; return a.Contains(a[1]); }`, true],
  [`{ var a = ${CFG}; a.Remove(a[0]); return a.Count; }`, 2],
  [`{ var a = ${CFG}; a[0] = "x"; return a[0].Type.ToString(); }`, 'String'],
  [`{ var a = ${CFG}; a.RemoveAll(); return a.Count; }`, 0],
  [`${CFG}[0]["name"].Root.Type.ToString()`, 'Array'],
  [`${CFG}[0]["name"].Parent.Parent.Type.ToString()`, 'Object'],
  [`((JProperty)${CFG}[0]["name"].Parent).Name`, 'name'],
  [`${CFG}[0].Next.Value<string>("name")`, 'west'],
  [`${CFG}[2].Next == null`, true],
  [`${CFG}[0].AfterSelf().Count()`, 2],
  [`${CFG}[0]["name"].Ancestors().Count()`, 3],
  [`${CFG}.Descendants().Count()`, 21],
  [`${CFG}[1]["weight"].Path`, '[1].weight'],
];

// Rewriting chat requests the way gateway policies do, and the rest of LINQ over messages.
const rewrites: Row[] = [
  [`{ var r = ""; foreach (KeyValuePair<string, JToken> kv in ${BODY}) r += kv.Key.Length; return r; }`, '58111061454'],
  [`{ switch ((string)${BODY}["model"]) { case "gpt-4o": return 1; default: return 0; } }`, 1],
  [`${BODY}["messages"] is JArray messages && messages.Count > 0`, true],
  [`new HashSet<string>(${BODY}["messages"].Select(m => (string)m["role"])).Count`, 3],
  [`new List<string>(${BODY}["messages"].Select(m => (string)m["role"])).Count`, 4],
  [`{ var d = new Dictionary<string, JToken>(); d["x"] = ${BODY}["model"]; return (string)d["x"]; }`, 'gpt-4o'],
  [`${BODY}.Properties().OrderBy(p => p.Name).First().Name`, 'max_tokens'],
  [`string.Join(",", ${BODY}.Properties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal))`, 'max_tokens,messages,model,stream,stream_options,temperature,tools,user'],
  [`${BODY}["messages"].Select(m => m["content"]).OfType<JValue>().Count()`, 4],
  [`${BODY}["messages"].Cast<JObject>().First().Count`, 2],
  [`((IEnumerable<JToken>)${BODY}["messages"]).Count()`, 4],
  [`{ JToken[] arr = ${BODY}["messages"].ToArray(); return arr.Length; }`, 4],
  [`${BODY}["messages"].Zip(${BODY}["messages"].Skip(1), (a, b) => (string)a["role"] + ">" + (string)b["role"]).First()`, 'system>user'],
  [`${BODY}["messages"].TakeWhile(m => (string)m["role"] != "assistant").Count()`, 2],
  [`(string)${BODY}["messages"].SkipWhile(m => (string)m["role"] != "assistant").First()["content"]`, 'Hi!'],
  [`${BODY}["messages"].Aggregate("", (acc, m) => acc + ((string)m["role"])[0])`, 'suau'],
  [`${BODY}["messages"].Select(m => (string)m["role"]).Distinct().OrderBy(r => r).ToArray()[0]`, 'assistant'],
  [`${BODY}["messages"].LongCount()`, 4],
  [`(string)${BODY}["messages"].ElementAt(2)["role"]`, 'assistant'],
  [`${BODY}["messages"].Where(m => m.Type == JTokenType.Object).Select(m => ((JObject)m).Properties().Count()).Sum()`, 8],
  [`Enumerable.Empty<string>().Any()`, false],
  [`${BODY}["messages"].Select(m => (string)m["role"]).SequenceEqual(new[] { "system", "user", "assistant", "user" })`, true],
  [`${BODY}["messages"].Reverse().Skip(1).First().Value<string>("role")`, 'assistant'],
  [`${BODY}["messages"].Select(m => (string)m["role"]).Except(new[] { "user" }).Count()`, 2],
  [`${BODY}["messages"].Select(m => (string)m["role"]).Intersect(new[] { "user", "tool" }).Single()`, 'user'],
  [`${BODY}["messages"].GroupBy(m => (string)m["role"]).ToDictionary(g => g.Key, g => g.Count())["user"]`, 2],
  [`${BODY}["messages"].Sum(m => (double)((string)m["content"]).Length / 2)`, 19.5],
  // JToken + string is string concatenation through JToken.ToString().
  [`{ var msgs = (JArray)${BODY}["messages"]; var last = msgs.Last(); last["content"] = last["content"] + " (brief)"; return (string)msgs[3]["content"]; }`, 'Weather in Paris? (brief)'],
  [`{ var b = ${BODY}; b["messages"] = new JArray(b["messages"].Where(m => (string)m["role"] != "system")); return b["messages"].Count(); }`, 3],
  [`{ var b = ${BODY}; var sys = b["messages"].FirstOrDefault(m => (string)m["role"] == "system"); sys?.Remove(); return b["messages"].Count(); }`, 3],
  [`{ var b = ${BODY}; foreach (var m in b["messages"].ToList()) if ((string)m["role"] == "user") m.Remove(); return b["messages"].Count(); }`, 2],
  [`{ var b = ${BODY}; ((JArray)b["messages"]).Insert(0, JObject.FromObject(new { role = "system", content = "x" })); return JsonConvert.SerializeObject(b["messages"][0]); }`, '{"role":"system","content":"x"}'],
  [`{ var b = ${BODY}; b.Remove("tools"); b.Remove("stream_options"); b["stream"] = false; b["messages"] = new JArray(b["messages"].Last()); return b.ToString(Formatting.None); }`, '{"model":"gpt-4o","messages":[{"role":"user","content":"Weather in Paris?"}],"temperature":0.7,"max_tokens":256,"stream":false,"user":"u-42"}'],
];

// Lambda parameters take the types C# infers (the element type, int for an index), so C# arithmetic holds
// inside them: integer division, int overflow, and typed results downstream.
const typedLambdas: Row[] = [
  ['new[] { 7 }.Select(x => x / 2).First()', 3],
  ['new List<int> { 7 }.Select(x => x / 2).First()', 3],
  ['new[] { 7, 8 }.Sum(x => x / 2)', 7],
  ['new[] { 1, 2, 3 }.Where(x => x / 2 == 1).Count()', 2],
  ['new Dictionary<string, int> { ["a"] = 7 }.Select(kv => kv.Value / 2).First()', 3],
  ['new[] { 2147483647 }.Select(x => x + 1).First()', -2147483648],
  ['new[] { 7L }.Select(x => x / 2).First()', 3],
  ['new[] { 5, 6 }.Select((x, i) => x / (i + 2)).Sum()', 4],
  ['new[] { 1, 2, 3 }.Aggregate(0, (acc, x) => acc + x / 2)', 2],
  ['new[] { "a", "bb" }.Select(s => s.Length / 2.0).Sum()', 1.5],
  ['new[] { "ab", "c" }.Zip(new[] { 3, 4 }, (s, n) => s.Length * n / 2).Sum()', 5],
  ['new List<int> { 3, 4 }.Find(x => x / 2 == 2)', 4],
  ['new List<int> { 3, 4 }.ConvertAll(x => x / 2)[0]', 1],
  ['{ var l = new List<int> { 5, 3 }; l.Sort((a, b) => a / 2 - b / 2); return l[0]; }', 3],
  [`${BODY}["messages"].Select(m => ((string)m["content"]).Length / 2).Sum()`, 18],
  [`${BODY}["messages"].Select(m => (string)m["role"]).First().Length`, 6],
  [`${BODY}["messages"].GroupBy(m => (string)m["role"]).First().Key.ToUpper()`, 'SYSTEM'],
  [`${BODY}["messages"].Select(m => ((string)m["content"]).Length).Max() / 2`, 8],
];

// List, Dictionary, HashSet, Queue, Stack as policies use them; List's own methods win over LINQ's.
const collectionMembers: Row[] = [
  ['new List<string> { "a" }.Remove("b")', false],
  ['new Dictionary<string, int>().Remove("x")', false],
  ['new Dictionary<string, int> { ["a"] = 1 }.Keys.ToList().Count', 1],
  ['new Dictionary<string, int> { ["a"] = 1 }.ContainsValue(1)', true],
  ['new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["A"] = "1" }["a"]', '1'],
  ['new Dictionary<string, string> { ["A"] = "1" }.ContainsKey("a")', false],
  ['new List<int> { 3, 1, 2 }.OrderBy(x => x).ToList().IndexOf(3)', 2],
  // List<T>.Reverse() reverses in place (void); it is not LINQ's Reverse.
  ['{ var l = new List<int> { 1, 2 }; l.Reverse(); return l[0]; }', 2],
  ['{ var l = new List<string> { "b", "a" }; l.Sort(); return l[0]; }', 'a'],
  ['{ var l = new List<int> { 1 }; l.AddRange(new[] { 2, 3 }); return l.Count; }', 3],
  ['{ var l = new List<int> { 1, 2, 3 }; return l.GetRange(1, 2).Sum(); }', 5],
  ['{ var l = new List<int> { 1, 2, 3 }; l.RemoveAt(0); return l.ToArray().Length; }', 2],
  ['{ List<string> l = null; return l?.Count ?? -1; }', -1],
  ['new string[2][0] == null', true],
  ['Array.IndexOf(new[] { "a", "b" }, "b")', 1],
  ['{ var d = new Dictionary<string, List<string>>(); d["k"] = new List<string>(); d["k"].Add("v"); return d["k"].Count; }', 1],
  ['{ var d = new Dictionary<string, int>(); d["a"] = 1; d["a"]++; return d["a"]; }', 2],
  ['{ var d = new Dictionary<string, int>(); d["a"] += 5; return d["a"]; }', { throws: 'KeyNotFoundException', message: "The given key 'a' was not present in the dictionary." }],
  ['new Dictionary<int, string> { [1] = "a" }[1]', 'a'],
  ['new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 }.OrderBy(kv => kv.Key).Select(kv => kv.Value).First()', 1],
  ['string.Join(",", new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 }.Keys)', 'b,a'],
  ['new Dictionary<string, object> { ["a"] = 1, ["b"] = "x" }.Count(kv => kv.Value is string)', 1],
  ['new KeyValuePair<string, int>("k", 3).Value', 3],
  ['new HashSet<int> { 1, 2 }.SetEquals(new[] { 2, 1 })', true],
  ['{ var h = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "A" }; return h.Contains("a"); }', true],
  ['{ var q = new Queue<int>(); q.Enqueue(1); q.Enqueue(2); return q.Dequeue() + q.Count; }', 2],
  ['{ var s = new Stack<string>(); s.Push("a"); s.Push("b"); return s.Pop() + s.Peek(); }', 'ba'],
  ['new Queue<int>().Dequeue()', { throws: 'InvalidOperationException', message: 'Queue empty.' }],
  ['new List<int> { 1, 2, 3 }.Skip(5).DefaultIfEmpty(-1).First()', -1],
  ['new List<string> { "a" }.SingleOrDefault(s => s == "z") ?? "none"', 'none'],
  ['new[] { "x" }.Concat(new List<string> { "y" }).Last()', 'y'],
];

describe('JSON: body walks and explicit conversions', () => rows(walks));
describe('JSON: errors', () => rows(walkErrors));
describe('JSON: LINQ over tokens', () => rows(tokenLinq));
describe('JSON: SelectToken', () => rows(selectTokens));
describe('JSON: building documents', () => rows(building));
describe('JSON: foreach over JObject and JArray', () => rows(loops));
describe('JSON: ToObject and JsonConvert', () => rows(conversion));
describe('collections and LINQ', () => rows(collections));
describe('JSON: more corpus shapes', () => rows(shapes));
describe('collections and LINQ: more', () => rows(moreLinq));
describe('JSON: values, equality, writing and implicit conversions', () => rows(values));
describe('JSON: a backend config array', () => rows(backends));
describe('JSON: rewriting chat requests', () => rows(rewrites));
describe('LINQ: typed lambda parameters', () => rows(typedLambdas));
describe('collections: List, Dictionary, HashSet, Queue, Stack', () => rows(collectionMembers));
