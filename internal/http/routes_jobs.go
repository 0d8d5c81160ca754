package http

// routesJobs registers the jobs, placements and matching routes.
func (s *Server) routesJobs() {}
