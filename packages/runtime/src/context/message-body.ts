// context.Request.Body / context.Response.Body: the expression model's MessageBody (stream-aware, read once).
export { MessageBody } from '@apimx/parser';
