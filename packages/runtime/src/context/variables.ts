// context.Variables: the expression model's VariableDictionary (values with their C# types, spec §2.4).
export { VariableDictionary as Variables } from '@apimx/parser';
