// The oldest and newest Express majors, installed under aliases; @types/express (5) types both:
// the API the tests use is the same in 4.
declare module 'express-4' {
  import express = require('express');
  export = express;
}
declare module 'express-5' {
  import express = require('express');
  export = express;
}
