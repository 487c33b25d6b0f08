// Object creation, initializers, fully qualified names and `using` — the language side of library types.
import { describe } from 'vitest';
import { table } from './table.ts';
import type { Row } from './table.ts';

const creation: Row[] = [
  ['new JObject(new JProperty("a", 1)).ToString(Newtonsoft.Json.Formatting.None)', '{"a":1}'],
  ['new JObject { ["a"] = 1, ["b"] = "x" }.Count', 2],
  ['(string)new JObject { ["b"] = "x" }["b"]', 'x'],
  ['new List<string> { "a", "b" }.Count', 2],
  ['new List<string> { "a", "b" }[1]', 'b'],
  ['new Dictionary<string, int> { { "a", 1 }, { "b", 2 } }["b"]', 2],
  ['new Dictionary<string, int> { ["k"] = 7 }["k"]', 7],
  ['new HashSet<int> { 1, 2, 2 }.Count', 2],
  ['{ var l = new List<int>(); l.Add(3); l.Add(4); return l.Sum(); }', 7],
  ['new Exception("m").Message', 'm'],
  ['new StringBuilder().Append("a").Append(1).ToString()', 'a1'],
  ['new JObject().Count', 0],
];

const qualified: Row[] = [
  ['System.Net.WebUtility.UrlEncode("a b&c")', 'a+b%26c'],
  ['System.Net.WebUtility.UrlDecode("a+b%26c")', 'a b&c'],
  ['System.Text.Encoding.UTF8.GetBytes("hé").Length', 3],
  ['Encoding.UTF8.GetString(Encoding.UTF8.GetBytes("ok"))', 'ok'],
  ['Newtonsoft.Json.Linq.JObject.Parse("{\\"a\\":2}")["a"].Value<int>()', 2],
  ['(Newtonsoft.Json.Linq.JObject)JObject.Parse("{}") != null', true],
  ['System.Math.Max(1, 2)', 2],
  ['System.String.IsNullOrEmpty("")', true],
  ['System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("hi"))', 'aGk='],
  ['System.Text.RegularExpressions.Regex.IsMatch("a1", @"\\d")', true],
];

const blocks: Row[] = [
  ['{ using (var sb = new System.IO.StringWriter()) { sb.Write("x"); return sb.ToString(); } }', 'x'],
  ['{ JObject body = JObject.Parse("{\\"n\\":1}"); body["n"] = 5; return body["n"].Value<int>(); }', 5],
  ['{ var o = new JObject(); o["list"] = new JArray(1, 2); return ((JArray)o["list"]).Count; }', 2],
  ['{ var r = ""; foreach (var p in JObject.Parse("{\\"a\\":1,\\"b\\":2}").Properties()) { r += p.Name; } return r; }', 'ab'],
  ['{ var d = new Dictionary<string, string>(); d["x"] = "1"; string v; return d.TryGetValue("x", out v) ? v : "none"; }', '1'],
];

describe('construction: new and initializers', () => table(creation));
describe('construction: fully qualified names', () => table(qualified));
describe('construction: blocks over library types', () => table(blocks));

const anonymous: Row[] = [
  ['{ var o = new { a = 1, b = "x" }; return o.b; }', 'x'],
  ['JsonConvert.SerializeObject(new { resource = "r", n = 1, list = new[] { "header" } })', '{"resource":"r","n":1,"list":["header"]}'],
  ['{ var o = new { a = 1 }; return ((dynamic)o).constructor; }', { throws: 'RuntimeBinderException' }],
];

describe('construction: anonymous objects', () => table(anonymous));
