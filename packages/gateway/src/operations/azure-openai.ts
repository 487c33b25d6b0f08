// The operations APIM creates when it imports Azure OpenAI (spec §7): paths relative to the API's URL suffix
// (which ends in /openai), every one with {deployment-id} where the REST API has it.
import type { OperationConfig } from '../config/config-types.ts';

const op = (id: string, method: string, urlTemplate: string, name = id): OperationConfig => ({ id, name, method, urlTemplate });
const deployment = '/deployments/{deployment-id}';

export const AZURE_OPENAI_OPERATIONS: readonly OperationConfig[] = [
  op('Completions_Create', 'POST', `${deployment}/completions`, 'Creates a completion for the provided prompt'),
  op('Embeddings_Create', 'POST', `${deployment}/embeddings`, 'Get a vector representation of a given input'),
  op('ChatCompletions_Create', 'POST', `${deployment}/chat/completions`, 'Creates a completion for the chat message'),
  op('Transcriptions_Create', 'POST', `${deployment}/audio/transcriptions`, 'Transcribes audio into the input language'),
  op('Translations_Create', 'POST', `${deployment}/audio/translations`, 'Transcribes and translates input audio into English text'),
  op('Speech_Create', 'POST', `${deployment}/audio/speech`, 'Generates audio from the input text'),
  op('ImageGenerations_Create', 'POST', `${deployment}/images/generations`, 'Generates a batch of images from a text caption'),
  op('createResponse', 'POST', '/responses', 'Creates a model response'),
  op('getResponse', 'GET', '/responses/{response_id}', 'Retrieves a model response'),
  op('deleteResponse', 'DELETE', '/responses/{response_id}', 'Deletes a model response'),
  op('listInputItems', 'GET', '/responses/{response_id}/input_items', 'Returns the input items of a response'),
  op('List_Assistants', 'GET', '/assistants'),
  op('Create_Assistant', 'POST', '/assistants'),
  op('Get_Assistant', 'GET', '/assistants/{assistant-id}'),
  op('Modify_Assistant', 'POST', '/assistants/{assistant-id}'),
  op('Delete_Assistant', 'DELETE', '/assistants/{assistant-id}'),
  op('Create_Thread', 'POST', '/threads'),
  op('Get_Thread', 'GET', '/threads/{thread-id}'),
  op('Modify_Thread', 'POST', '/threads/{thread-id}'),
  op('Delete_Thread', 'DELETE', '/threads/{thread-id}'),
  op('List_Messages', 'GET', '/threads/{thread-id}/messages'),
  op('Create_Message', 'POST', '/threads/{thread-id}/messages'),
  op('List_Runs', 'GET', '/threads/{thread-id}/runs'),
  op('Create_Run', 'POST', '/threads/{thread-id}/runs'),
  op('Get_Run', 'GET', '/threads/{thread-id}/runs/{run-id}'),
  op('List_VectorStores', 'GET', '/vector_stores'),
  op('Create_VectorStore', 'POST', '/vector_stores'),
  op('Get_VectorStore', 'GET', '/vector_stores/{vector-store-id}'),
  op('Delete_VectorStore', 'DELETE', '/vector_stores/{vector-store-id}'),
];
